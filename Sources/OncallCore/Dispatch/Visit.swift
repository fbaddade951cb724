import Foundation
import OncallSupport

/// One engineer's on-site visit for an incident, and the promises it is held to.
///
/// Pure: `dispatch`, `redispatch` and `apply` return new values and never read the clock; the
/// caller stores the result, copies the new `events` onto the incident's timeline and turns
/// `DispatchDeadlines.compute(for:policy:calendar:)` into durable timers.
public struct Visit: Sendable, Equatable {
    /// The incident the visit is for.
    public var incident: IncidentNumber
    /// 1 for the first visit of an incident, one more for each re-dispatch.
    public var attempt: Int
    /// The person id sent.
    public var engineer: String
    /// The engineer's branch id.
    public var branch: String
    /// Where the engineer goes.
    public var region: RegionCode
    /// The customer site id, when the dispatch named one.
    public var siteID: String?
    /// The skill asked for, if any.
    public var skill: String?
    /// Which arrival promise applies.
    public var slaKind: DispatchSLAKind
    /// The site's warranty when service was asked for; out of warranty makes the visit chargeable.
    public var warranty: WarrantyStatus
    /// When the customer asked for on-site service; arrival and call-back count from here.
    public var requestedAt: Date
    /// When this visit was sent to the engineer.
    public var dispatchedAt: Date
    /// The engineer must accept by then.
    public var acceptBy: Date
    /// The engineer must be on site by then.
    public var arriveBy: Date
    /// Where the visit stands.
    public var state: VisitState
    /// What happened, oldest first; the first is always `dispatched`.
    public var events: [VisitEvent]
    /// When the in-warranty customer was phoned back (carried over to a re-dispatch).
    public var calledBackAt: Date?
    /// When the out-of-warranty customer confirmed the repair (carried over to a re-dispatch).
    public var customerConfirmedAt: Date?

    /// A visit as stored; to make a new one use `dispatch` or `redispatch`.
    public init(
        incident: IncidentNumber, attempt: Int, engineer: String, branch: String, region: RegionCode,
        siteID: String?, skill: String?, slaKind: DispatchSLAKind, warranty: WarrantyStatus,
        requestedAt: Date, dispatchedAt: Date, acceptBy: Date, arriveBy: Date, state: VisitState,
        events: [VisitEvent], calledBackAt: Date? = nil, customerConfirmedAt: Date? = nil
    ) {
        self.incident = incident
        self.attempt = attempt
        self.engineer = engineer
        self.branch = branch
        self.region = region
        self.siteID = siteID
        self.skill = skill
        self.slaKind = slaKind
        self.warranty = warranty
        self.requestedAt = requestedAt
        self.dispatchedAt = dispatchedAt
        self.acceptBy = acceptBy
        self.arriveBy = arriveBy
        self.state = state
        self.events = events
        self.calledBackAt = calledBackAt
        self.customerConfirmedAt = customerConfirmedAt
    }

    // MARK: - Derived

    /// Whether the visit is charged to the customer (the site was out of warranty).
    public var chargeable: Bool { warranty.isChargeable }

    /// Whether the visit is still under way.
    public var isOpen: Bool { state.isOpen }

    /// When the first event of `kind` happened, if it has.
    public func time(of kind: VisitEvent.Kind) -> Date? { events.first { $0.kind == kind }?.at }

    /// When the engineer accepted.
    public var acceptedAt: Date? { time(of: .accepted) }
    /// When the engineer reported being on site.
    public var arrivedAt: Date? { time(of: .onSite) }
    /// When the work was reported done.
    public var completedAt: Date? { time(of: .completed) }
    /// When the visit ended: completed, declined or cancelled.
    public var endedAt: Date? { state.isOpen ? nil : events.last?.at }

    // MARK: - Dispatch

    /// The first visit for an incident from the planner's decision.
    ///
    /// `acceptBy` is `now` plus the policy's accept time; `arriveBy` is the decision's; the
    /// warranty is the site's on the local day of the request.
    public static func dispatch(
        incident: IncidentNumber, attempt: Int = 1, decision: DispatchDecision, policy: DispatchPolicy,
        calendar: WorkingCalendar, actor: String, now: Date
    ) throws(DispatchError) -> Visit {
        guard let engineer = decision.engineer, let branch = decision.branch else {
            throw .noEngineerChosen(decision.request.region)
        }
        guard attempt >= 1 else { throw .invalidField("attempt", reason: "must be 1 or more") }
        let request = decision.request
        let warranty = request.site.map { $0.warranty(on: calendar.localDate(of: request.requestedAt)) } ?? .unknown
        let visit = Visit(
            incident: incident, attempt: attempt, engineer: engineer, branch: branch, region: request.region,
            siteID: request.site?.id, skill: request.skill, slaKind: decision.slaKind, warranty: warranty,
            requestedAt: request.requestedAt, dispatchedAt: now, acceptBy: now.adding(policy.acceptWithin),
            arriveBy: decision.arriveBy, state: .dispatched, events: [])
        return visit.recordingDispatch(decision: decision, actor: actor, now: now)
    }

    /// The next visit after this one was declined or cancelled, to the engineer `decision` chose.
    ///
    /// The promise carries over: arrival is due `requestedAt` plus the new decision's promise
    /// (whatever `requestedAt` its request had), and the site, warranty, call-back and repair
    /// confirmation stay, so a decline never buys time and a call made already still counts.
    public func redispatch(
        decision: DispatchDecision, policy: DispatchPolicy, actor: String, now: Date
    ) throws(DispatchError) -> Visit {
        guard state == .declined || state == .cancelled else {
            throw refusal("re-dispatched", hint: state.isOpen ? "decline or cancel it first" : "it was completed")
        }
        guard let engineer = decision.engineer, let branch = decision.branch else {
            throw .noEngineerChosen(decision.request.region)
        }
        if state == .declined, engineer == self.engineer {
            throw .invalidField("engineer", reason: "\(engineer) declined visit \(attempt); exclude them from the new dispatch")
        }
        var next = self
        next.attempt = attempt + 1
        next.engineer = engineer
        next.branch = branch
        next.region = decision.request.region
        next.skill = decision.request.skill ?? skill
        next.slaKind = decision.slaKind
        next.dispatchedAt = now
        next.acceptBy = now.adding(policy.acceptWithin)
        next.arriveBy = requestedAt.adding(policy.arrivalWithin(decision.slaKind))
        next.state = .dispatched
        next.events = []
        return next.recordingDispatch(decision: decision, actor: actor, now: now)
    }

    /// This visit with its `dispatched` event.
    private func recordingDispatch(decision: DispatchDecision, actor: String, now: Date) -> Visit {
        let facts = VisitEvent.Facts(
            attempt: attempt, engineer: engineer, branch: branch, region: region.digits, sla: slaKind, acceptBy: acceptBy,
            arriveBy: arriveBy, warranty: warranty.description, chargeable: chargeable, site: siteID, skill: skill,
            fallback: decision.fallbackReason?.description)
        var next = self
        next.events.append(VisitEvent(kind: .dispatched, at: now, actor: actor, facts: facts))
        return next
    }

    // MARK: - Steps

    /// The visit after `step`, or why the step is refused in the current state.
    public func apply(
        _ step: VisitStep, actor: String = IncidentLifecycle.daemonActor, now: Date
    ) throws(DispatchError) -> Visit {
        var next = self
        var facts = VisitEvent.Facts()
        let kind: VisitEvent.Kind
        switch step {
        case .accept:
            guard state == .dispatched else { throw refusal(step, hint: state.isOpen ? "it was accepted already" : "") }
            next.state = .accepted
            kind = .accepted

        case .depart:
            guard state == .accepted else {
                throw refusal(step, hint: state == .dispatched ? "accept it first" : state.isOpen ? "that was reported already" : "")
            }
            next.state = .enRoute
            kind = .enRoute

        case .arrive:
            guard state == .enRoute else {
                let hint = switch state {
                case .dispatched: "accept it and report 'on the way' first"
                case .accepted: "report 'on the way' first"
                case .onSite: "the engineer is on site already"
                default: ""
                }
                throw refusal(step, hint: hint)
            }
            next.state = .onSite
            kind = .onSite

        case let .complete(summary):
            guard state == .onSite else {
                throw refusal(step, hint: state.isOpen ? "the engineer must be on site first" : "")
            }
            if let summary, let text = try Visit.optionalText(summary, field: "summary", maxLength: 20_000) {
                facts.summary = text
            }
            next.state = .completed
            kind = .completed

        case let .decline(reason):
            guard state == .dispatched else {
                throw refusal(step, hint: state.isOpen ? "it was accepted; cancel it to re-assign" : "")
            }
            if let reason, let text = try Visit.optionalText(reason, field: "reason", maxLength: 2000) {
                facts.reason = text
            }
            next.state = .declined
            kind = .declined

        case let .cancel(reason):
            guard state.isOpen else { throw refusal(step, hint: "") }
            let text = try Visit.optionalText(reason, field: "reason", maxLength: 2000)
            guard let text else { throw .invalidField("reason", reason: "is required") }
            facts.reason = text
            next.state = .cancelled
            kind = .cancelled

        case let .callBack(note):
            guard state.isOpen else { throw refusal(step, hint: "") }
            if let calledBackAt {
                throw refusal(step, hint: "the customer was called back already at \(Visit.iso(calledBackAt))")
            }
            if let note, let text = try Visit.optionalText(note, field: "note", maxLength: 2000) {
                facts.note = text
            }
            next.calledBackAt = now
            kind = .calledBack

        case .confirmRepair:
            guard state.isOpen else { throw refusal(step, hint: "") }
            guard chargeable else {
                throw refusal(step, hint: warranty == .unknown
                    ? "it was dispatched by region, so its warranty is unknown"
                    : "the site is in warranty, so the visit is not chargeable")
            }
            if let customerConfirmedAt {
                throw refusal(step, hint: "the customer confirmed already at \(Visit.iso(customerConfirmedAt))")
            }
            next.customerConfirmedAt = now
            kind = .repairConfirmed
        }
        next.events.append(VisitEvent(kind: kind, at: now, actor: actor, facts: facts))
        return next
    }

    // MARK: - Helpers

    private func refusal(_ step: VisitStep, hint: String) -> DispatchError {
        refusal(step.verb, hint: hint.isEmpty && !state.isOpen ? "the visit is over; dispatch again for a new visit" : hint)
    }

    private func refusal(_ verb: String, hint: String) -> DispatchError {
        .illegalStep(incident, attempt: attempt, from: state, step: verb, hint: hint)
    }

    /// Trimmed text, nil when empty; too long is refused rather than silently cut.
    static func optionalText(_ text: String, field: String, maxLength: Int) throws(DispatchError) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return nil }
        if trimmed.count > maxLength { throw .invalidField(field, reason: "is longer than \(maxLength) characters") }
        return trimmed
    }

    /// UTC ISO 8601, as refusals show times.
    static func iso(_ date: Date) -> String { RFC3339.format(date) }
}
