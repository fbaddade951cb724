import Foundation

/// A service request (upgrade, repair, bug, requirement, release): its form, its append-only
/// timeline and its promises. Stored whole; the lifecycle is the only thing that changes it.
public struct ServiceRequest: Sendable, Equatable, Codable {
    /// What the submitter says; on the wire (`POST /v1/requests`) and on disk under the same snake_case keys.
    public struct Form: Sendable, Equatable, Codable {
        public var kind: RequestKind
        public var subject: String
        public var organisation: String
        public var requester: String
        public var contact: String?
        public var description: String?
        /// The person (id under `people`) who answers for the promises; the first project manager when not given.
        public var owner: String?
        /// A new requirement's promised delivery date, if already agreed.
        public var promisedDate: LocalDate?
        /// A release's reason and the issues it fixes.
        public var reason: String?
        public var fixedIssues: [String]
        /// A release's planned day (a release day; the next release when not given).
        public var releaseDay: LocalDate?
        /// When the request or product arrived, if before it was entered; else the submission time.
        public var receivedAt: Date?
        /// A release's services: their pages are held for the release window (a maintenance window).
        public var services: [String]?

        public enum CodingKeys: String, CodingKey, CaseIterable {
            case kind, subject, organisation, requester, contact, description, owner, reason, services
            case promisedDate = "promised_date"
            case fixedIssues = "fixed_issues"
            case releaseDay = "release_day"
            case receivedAt = "received_at"
        }

        public init(
            kind: RequestKind, subject: String, organisation: String, requester: String, contact: String? = nil,
            description: String? = nil, owner: String? = nil, promisedDate: LocalDate? = nil, reason: String? = nil,
            fixedIssues: [String] = [], releaseDay: LocalDate? = nil, receivedAt: Date? = nil, services: [String]? = nil
        ) {
            self.kind = kind
            self.subject = subject
            self.organisation = organisation
            self.requester = requester
            self.contact = contact
            self.description = description
            self.owner = owner
            self.promisedDate = promisedDate
            self.reason = reason
            self.fixedIssues = fixedIssues
            self.releaseDay = releaseDay
            self.receivedAt = receivedAt
            self.services = services
        }

        /// `fixed_issues` may be left out (no issues).
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                kind: try container.decode(RequestKind.self, forKey: .kind), subject: try container.decode(String.self, forKey: .subject),
                organisation: try container.decode(String.self, forKey: .organisation),
                requester: try container.decode(String.self, forKey: .requester),
                contact: try container.decodeIfPresent(String.self, forKey: .contact),
                description: try container.decodeIfPresent(String.self, forKey: .description),
                owner: try container.decodeIfPresent(String.self, forKey: .owner),
                promisedDate: try container.decodeIfPresent(LocalDate.self, forKey: .promisedDate),
                reason: try container.decodeIfPresent(String.self, forKey: .reason),
                fixedIssues: try container.decodeIfPresent([String].self, forKey: .fixedIssues) ?? [],
                releaseDay: try container.decodeIfPresent(LocalDate.self, forKey: .releaseDay),
                receivedAt: try container.decodeIfPresent(Date.self, forKey: .receivedAt),
                services: try container.decodeIfPresent([String].self, forKey: .services))
        }
    }

    /// One entry on the timeline: a step, or a promise warned about or missed.
    public struct Event: Sendable, Equatable, Codable {
        public enum What: Sendable, Equatable, Codable {
            case step(RequestStep)
            case warned(RequestDeadlineName)
            case missed(RequestDeadlineName)
        }

        public var at: Date
        /// `unix:<login>`, `token:<name>`, or `oncalld` for the daemon's own entries.
        public var actor: String
        public var what: What
        public var note: String?

        public init(at: Date, actor: String, what: What, note: String? = nil) {
            self.at = at
            self.actor = actor
            self.what = what
            self.note = note
        }
    }

    /// A promise as it runs: when it started and falls due, and how it ended.
    public struct Deadline: Sendable, Equatable, Codable {
        public var name: RequestDeadlineName
        public var startedAt: Date
        public var dueAt: Date
        public var warnedAt: Date?
        /// When the owner's warning timer was set for (nil: the lead reached back before the start).
        public var warnAt: Date?
        public var metAt: Date?
        public var missedAt: Date?
        /// Set when the request was cancelled with the promise open.
        public var cancelledAt: Date?

        public init(name: RequestDeadlineName, startedAt: Date, dueAt: Date, warnAt: Date?) {
            self.name = name
            self.startedAt = startedAt
            self.dueAt = dueAt
            self.warnAt = warnAt
        }

        public var isOpen: Bool { metAt == nil && cancelledAt == nil }

        /// Kept: met at or before its due time.
        public var kept: Bool { metAt.map { $0 <= dueAt } ?? false }
    }

    public var number: RequestNumber
    public var form: Form
    public var submittedAt: Date
    public var submittedBy: String
    /// The owner in force (the form's, or the default owner when submitted).
    public var owner: String?
    /// The release window of a release request.
    public var window: ReleaseWindow?
    /// The new requirement's promised date in force (set at submission or with the decision).
    public var promisedDate: LocalDate?
    /// The maintenance window holding a release's services' pages during its release window.
    public var maintenanceWindow: Int64?
    public var timeline: [Event]
    public var deadlines: [Deadline]
    public var closedAt: Date?

    public init(
        number: RequestNumber, form: Form, submittedAt: Date, submittedBy: String, owner: String?, window: ReleaseWindow?,
        promisedDate: LocalDate?, timeline: [Event] = [], deadlines: [Deadline] = [], closedAt: Date? = nil
    ) {
        self.number = number
        self.form = form
        self.submittedAt = submittedAt
        self.submittedBy = submittedBy
        self.owner = owner
        self.window = window
        self.promisedDate = promisedDate
        self.timeline = timeline
        self.deadlines = deadlines
        self.closedAt = closedAt
    }

    public var kind: RequestKind { form.kind }
    public var isOpen: Bool { closedAt == nil }

    /// The steps recorded so far, oldest first.
    public var steps: [RequestStep] {
        timeline.compactMap { if case let .step(step) = $0.what { step } else { nil } }
    }

    /// The last recorded step.
    public var lastStep: RequestStep? { steps.last }
}
