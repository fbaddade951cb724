import Foundation
import OncallCore

/// A service request on the wire (`/v1/requests`), with its promises and timeline.
public struct ServiceRequestDTO: Codable, Sendable, Equatable {
    public struct Window: Codable, Sendable, Equatable {
        public var day: LocalDate
        public var startsAt: Date
        public var endsAt: Date
        /// The planned release day a holiday moved this window from.
        public var movedFrom: LocalDate?

        enum CodingKeys: String, CodingKey {
            case day
            case startsAt = "starts_at"
            case endsAt = "ends_at"
            case movedFrom = "moved_from"
        }

        public init(_ window: ReleaseWindow) {
            day = window.day
            startsAt = window.start
            endsAt = window.end
            movedFrom = window.movedFrom
        }
    }

    public struct Promise: Codable, Sendable, Equatable {
        public var name: String
        /// `open`, `kept`, `late`, `missed` or `cancelled`, as of the answer.
        public var state: String
        public var startedAt: Date
        public var dueAt: Date
        public var warnAt: Date?
        public var warnedAt: Date?
        public var metAt: Date?
        public var missedAt: Date?

        enum CodingKeys: String, CodingKey {
            case name, state
            case startedAt = "started_at"
            case dueAt = "due_at"
            case warnAt = "warn_at"
            case warnedAt = "warned_at"
            case metAt = "met_at"
            case missedAt = "missed_at"
        }
    }

    public struct Entry: Codable, Sendable, Equatable {
        public var at: Date
        public var actor: String
        /// `step`, `warned` or `missed`.
        public var kind: String
        /// The step's name, or the promise warned about or missed.
        public var name: String
        public var note: String?
    }

    /// `REQ-000042`.
    public var id: String
    public var number: Int64
    public var kind: String
    public var subject: String
    public var organisation: String
    public var requester: String
    public var contact: String?
    public var description: String?
    public var owner: String?
    /// `open` or `closed`.
    public var status: String
    public var submittedAt: Date
    public var submittedBy: String
    public var closedAt: Date?
    public var lastStep: String?
    public var nextSteps: [String]
    public var promisedDate: LocalDate?
    public var reason: String?
    public var fixedIssues: [String]
    public var window: Window?
    /// A release's services, and the maintenance window (`MW-3`) holding their pages during its window.
    public var services: [String]
    public var maintenanceWindow: String?
    public var promises: [Promise]
    public var timeline: [Entry]

    enum CodingKeys: String, CodingKey {
        case id, number, kind, subject, organisation, requester, contact, description, owner, status, reason, window, promises, timeline
        case services
        case maintenanceWindow = "maintenance_window"
        case submittedAt = "submitted_at"
        case submittedBy = "submitted_by"
        case closedAt = "closed_at"
        case lastStep = "last_step"
        case nextSteps = "next_steps"
        case promisedDate = "promised_date"
        case fixedIssues = "fixed_issues"
    }

    public init(_ request: ServiceRequest, now: Date) {
        let form = request.form
        id = request.number.description
        number = request.number.value
        kind = request.kind.rawValue
        subject = form.subject
        organisation = form.organisation
        requester = form.requester
        contact = form.contact
        description = form.description
        owner = request.owner
        status = request.isOpen ? "open" : "closed"
        submittedAt = request.submittedAt
        submittedBy = request.submittedBy
        closedAt = request.closedAt
        lastStep = request.lastStep?.rawValue
        nextSteps = request.nextSteps.map(\.rawValue)
        promisedDate = request.promisedDate
        reason = form.reason
        fixedIssues = form.fixedIssues
        window = request.window.map(Window.init)
        services = form.services ?? []
        maintenanceWindow = request.maintenanceWindow.map { "MW-\($0)" }
        promises = request.deadlines.map { deadline in
            Promise(name: deadline.name.rawValue, state: deadline.state(at: now), startedAt: deadline.startedAt, dueAt: deadline.dueAt,
                    warnAt: deadline.warnAt, warnedAt: deadline.warnedAt, metAt: deadline.metAt, missedAt: deadline.missedAt)
        }
        timeline = request.timeline.map { event in
            let (kind, name) = switch event.what {
            case let .step(step): ("step", step.rawValue)
            case let .warned(promise): ("warned", promise.rawValue)
            case let .missed(promise): ("missed", promise.rawValue)
            }
            return Entry(at: event.at, actor: event.actor, kind: kind, name: name, note: event.note)
        }
    }
}

/// `GET /v1/requests`.
public struct ServiceRequestListDTO: Codable, Sendable, Equatable {
    public var requests: [ServiceRequestDTO]
    public init(requests: [ServiceRequestDTO]) { self.requests = requests }
}

/// `POST /v1/requests`: the domain's form itself, read strictly; `kind` is one of `RequestKind`'s names.
public typealias ServiceRequestFormDTO = ServiceRequest.Form

extension ServiceRequest.Form: StrictDecodable {
    public static let allowedKeys: Set<String> = Set(CodingKeys.allCases.map(\.rawValue))
}

/// `POST /v1/requests/{number}/steps`: a step by name, with an optional note and a new requirement's promised date.
public struct RequestStepDTO: StrictDecodable, Encodable, Sendable, Equatable {
    public var step: String
    public var note: String?
    public var promisedDate: LocalDate?

    public static let allowedKeys: Set<String> = ["step", "note", "promised_date"]

    enum CodingKeys: String, CodingKey {
        case step, note
        case promisedDate = "promised_date"
    }

    public init(step: String, note: String? = nil, promisedDate: LocalDate? = nil) {
        self.step = step
        self.note = note
        self.promisedDate = promisedDate
    }

    public func requestStep() throws(RequestError) -> RequestStep {
        guard let parsed = RequestStep(rawValue: step) else {
            throw .invalidField("step", "'\(step)' is not a step; one of \(RequestStep.allCases.filter { $0 != .received && $0 != .applied }.map(\.rawValue).joined(separator: ", "))")
        }
        return parsed
    }
}

/// `GET /v1/releases`: the coming release windows.
public struct ReleaseListDTO: Codable, Sendable, Equatable {
    public var releases: [ServiceRequestDTO.Window]
    public init(releases: [ServiceRequestDTO.Window]) { self.releases = releases }
}

/// `GET /v1/requests/statistics`: the share of promises kept per kind and month.
public struct RequestStatisticsDTO: Codable, Sendable, Equatable {
    public struct Row: Codable, Sendable, Equatable {
        public var kind: String
        public var month: String
        public var kept: Int
        public var missed: Int
        public var open: Int
        public var keptShare: Double?

        enum CodingKeys: String, CodingKey {
            case kind, month, kept, missed, open
            case keptShare = "kept_share"
        }
    }

    public var rows: [Row]

    public init(_ statistics: RequestStatistics) {
        rows = statistics.rows.map { Row(kind: $0.kind.rawValue, month: $0.month, kept: $0.kept, missed: $0.missed, open: $0.open, keptShare: $0.keptShare) }
    }
}
