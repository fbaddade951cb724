import Foundation
import OncallCore

/// One field visit on the wire (`GET /v1/incidents/{id}/visits`, `/v1/dispatches`, and the answer
/// to a visit step), with its history and where it stands against each SLA deadline.
public struct VisitDTO: Codable, Sendable, Equatable {
    /// One step of the visit's history.
    public struct Event: Codable, Sendable, Equatable {
        /// `dispatched`, `accepted`, `en_route`, `on_site`, `completed`, `declined`, `cancelled`,
        /// `called_back`, `repair_confirmed`.
        public var kind: String
        public var at: Date
        public var actor: String
        public var details: [String: String]

        public init(kind: String, at: Date, actor: String, details: [String: String]) {
            self.kind = kind
            self.at = at
            self.actor = actor
            self.details = details
        }

        public init(_ event: VisitEvent) {
            self.init(kind: event.kind.rawValue, at: event.at, actor: event.actor, details: event.details)
        }
    }

    /// One deadline the visit is held to and where it stands.
    public struct Deadline: Codable, Sendable, Equatable {
        /// `accept`, `arrival`, `callback` or `repair`.
        public var kind: String
        public var dueAt: Date
        /// For `repair`: the earliest the repair is promised.
        public var notBefore: Date?
        /// `pending`, `met`, `breached` or `void` (the visit was declined or cancelled before it came due).
        public var status: String
        /// When it was met (late, for a breach met afterwards).
        public var metAt: Date?

        enum CodingKeys: String, CodingKey {
            case kind, status
            case dueAt = "due_at"
            case notBefore = "not_before"
            case metAt = "met_at"
        }

        public init(kind: String, dueAt: Date, notBefore: Date? = nil, status: String, metAt: Date? = nil) {
            self.kind = kind
            self.dueAt = dueAt
            self.notBefore = notBefore
            self.status = status
            self.metAt = metAt
        }

        /// `deadline` as it stands for `visit` at `now`.
        public init(_ deadline: DispatchDeadline, visit: Visit, now: Date) {
            let status = DispatchDeadlines.status(of: deadline, visit: visit, now: now)
            let (text, metAt): (String, Date?) = switch status {
            case .pending: ("pending", nil)
            case let .met(at): ("met", at)
            case let .breached(late): ("breached", late)
            case .void: ("void", nil)
            }
            self.init(kind: deadline.kind.rawValue, dueAt: deadline.dueAt, notBefore: deadline.notBefore, status: text, metAt: metAt)
        }
    }

    /// `INC-000123`.
    public var incident: String
    /// 1 for the first visit of the incident, one more per re-dispatch.
    public var attempt: Int
    /// The engineer's person id, and display name when known.
    public var engineer: String
    public var engineerName: String?
    /// The engineer's branch id, and its name when known.
    public var branch: String
    public var branchName: String?
    /// The GB/T 2260 code the engineer goes to.
    public var region: String
    /// The customer site id (nil for a dispatch by region), and its name when known.
    public var site: String?
    public var siteName: String?
    public var skill: String?
    /// `covered` (1 h) or `uncovered` (48 h).
    public var sla: String
    /// E.g. `in warranty until 2027-06-30`, `out of warranty since 2025-12-31`, `warranty unknown`.
    public var warranty: String
    public var chargeable: Bool
    /// `dispatched`, `accepted`, `en_route`, `on_site`, `completed`, `declined`, `cancelled`.
    public var state: String
    public var open: Bool
    public var requestedAt: Date
    public var dispatchedAt: Date
    public var acceptBy: Date
    public var arriveBy: Date
    public var calledBackAt: Date?
    public var customerConfirmedAt: Date?
    public var events: [Event]
    public var deadlines: [Deadline]

    enum CodingKeys: String, CodingKey {
        case incident, attempt, engineer, branch, region, site, skill, sla, warranty, chargeable, state, open, events, deadlines
        case engineerName = "engineer_name"
        case branchName = "branch_name"
        case siteName = "site_name"
        case requestedAt = "requested_at"
        case dispatchedAt = "dispatched_at"
        case acceptBy = "accept_by"
        case arriveBy = "arrive_by"
        case calledBackAt = "called_back_at"
        case customerConfirmedAt = "customer_confirmed_at"
    }

    /// A visit as stored, with its deadlines as they stand at `now`.
    ///
    /// - Parameters:
    ///   - setup: the dispatch configuration; it gives branch and site names and the policy and
    ///     calendar for the `callback` and `repair` deadlines. Without it only `accept` and
    ///     `arrival` are shown (they need nothing but the visit).
    ///   - names: display names by person id.
    public init(_ visit: Visit, setup: DispatchSetup?, names: [String: String] = [:], now: Date) {
        incident = visit.incident.description
        attempt = visit.attempt
        engineer = visit.engineer
        engineerName = names[visit.engineer]
        branch = visit.branch
        branchName = setup?.branches.first { $0.id == visit.branch }?.name
        region = visit.region.digits
        site = visit.siteID
        siteName = visit.siteID.flatMap { setup?.site($0)?.name }
        skill = visit.skill
        sla = visit.slaKind.rawValue
        warranty = visit.warranty.description
        chargeable = visit.chargeable
        state = visit.state.rawValue
        open = visit.isOpen
        requestedAt = visit.requestedAt
        dispatchedAt = visit.dispatchedAt
        acceptBy = visit.acceptBy
        arriveBy = visit.arriveBy
        calledBackAt = visit.calledBackAt
        customerConfirmedAt = visit.customerConfirmedAt
        events = visit.events.map(Event.init)
        deadlines = Self.deadlines(of: visit, setup: setup).map { Deadline($0, visit: visit, now: now) }
    }

    /// The visit's deadlines: all of them with the configuration, else those the visit itself fixes.
    public static func deadlines(of visit: Visit, setup: DispatchSetup?) -> [DispatchDeadline] {
        if let setup { return DispatchDeadlines.compute(for: visit, policy: setup.policy, calendar: setup.calendar) }
        return [DispatchDeadline(kind: .accept, dueAt: visit.acceptBy), DispatchDeadline(kind: .arrival, dueAt: visit.arriveBy)]
    }

    /// The deadline of `kind`, if the visit is held to it.
    public func deadline(_ kind: String) -> Deadline? { deadlines.first { $0.kind == kind } }
}

/// `GET /v1/incidents/{id}/visits` (oldest first) and `GET /v1/dispatches` (newest first).
public struct VisitListDTO: Codable, Sendable, Equatable {
    public var visits: [VisitDTO]
    public init(visits: [VisitDTO]) { self.visits = visits }
}

/// `POST /v1/incidents/{id}/dispatch`: who was sent, from where, by when they must arrive, and why.
public struct DispatchAnswerDTO: Codable, Sendable, Equatable {
    /// The new visit.
    public var visit: VisitDTO
    /// The engineer's person id, and display name when known.
    public var engineer: String
    public var engineerName: String?
    /// The branch id, and its name when known.
    public var branch: String
    public var branchName: String?
    public var arriveBy: Date
    /// `covered` or `uncovered`.
    public var sla: String
    /// Why the fallback branch sent someone (e.g. `no branch covers 65`); nil when a covering branch did.
    public var fallback: String?
    /// The decision's summary, then one line per candidate engineer.
    public var explanation: [String]

    enum CodingKeys: String, CodingKey {
        case visit, engineer, branch, sla, fallback, explanation
        case engineerName = "engineer_name"
        case branchName = "branch_name"
        case arriveBy = "arrive_by"
    }

    public init(
        visit: VisitDTO, engineer: String, engineerName: String?, branch: String, branchName: String?, arriveBy: Date,
        sla: String, fallback: String?, explanation: [String]
    ) {
        self.visit = visit
        self.engineer = engineer
        self.engineerName = engineerName
        self.branch = branch
        self.branchName = branchName
        self.arriveBy = arriveBy
        self.sla = sla
        self.fallback = fallback
        self.explanation = explanation
    }

    /// The answer for `visit`, made from `decision`.
    public init(_ visit: VisitDTO, decision: DispatchDecision) {
        self.init(
            visit: visit, engineer: visit.engineer, engineerName: visit.engineerName, branch: visit.branch,
            branchName: visit.branchName, arriveBy: visit.arriveBy, sla: visit.sla,
            fallback: decision.fallbackReason?.description, explanation: decision.explanation)
    }
}
