import Foundation
import Synchronization

/// The use cases the API offers: report, command, read. Reads the clock once per request and
/// lets the lifecycle decide; the store commits; the timer engine is woken for new timers.
public struct IncidentService: Sendable {
    let store: any IncidentStore
    let visitStore: (any VisitStore)?
    let maintenance: (any MaintenanceStore)?
    let clock: any OncallClock
    let settings: any SettingsSource
    let timersChanged: @Sendable () -> Void

    /// - Parameters:
    ///   - settings: read once per request, so a config reload applies to the next one whole.
    ///   - timersChanged: called after a commit that may have added a nearer timer or new messages.
    public init(
        store: any IncidentStore, visits: (any VisitStore)? = nil, maintenance: (any MaintenanceStore)? = nil,
        clock: any OncallClock, settings: any SettingsSource, timersChanged: @escaping @Sendable () -> Void
    ) {
        self.store = store
        self.visitStore = visits
        self.maintenance = maintenance
        self.clock = clock
        self.settings = settings
        self.timersChanged = timersChanged
    }

    /// Records a new report; returns once it is durable.
    /// `inbound`, when given, is recorded with the new incident (an email or alert that caused it).
    /// `labels` (an alert's) are matched against maintenance windows with the form's service.
    public func report(
        _ form: ReportForm, actor: String, idempotencyKey: String? = nil, inbound: InboundRecord? = nil, labels: [String: String] = [:]
    ) async throws -> (incident: Incident, created: Bool) {
        let result = try await reportWithTimeline(form, actor: actor, idempotencyKey: idempotencyKey, inbound: inbound, labels: labels)
        return (result.incident, result.created)
    }

    /// `report`, with the new incident's whole timeline as committed (its opening entries), so an
    /// answer needs no second read; nil when the key named an earlier incident.
    public func reportWithTimeline(
        _ form: ReportForm, actor: String, idempotencyKey: String? = nil, inbound: InboundRecord? = nil, labels: [String: String] = [:]
    ) async throws -> (incident: Incident, created: Bool, timeline: [TimelineEvent]?) {
        let now = clock.now
        let settings = settings.current
        let (policy, notifications) = (settings.policy, settings.notifications)
        let opening = Mutex<[TimelineEvent]>([])
        // A form that cannot be reported is refused before the store reserves it a number.
        _ = try IncidentLifecycle.validated(form, now: now)
        let windows = try await maintenance?.windows(at: now, includingPast: false) ?? []
        let window = MaintenanceLifecycle.holding(service: form.service, labels: labels, among: windows, at: now)
        let result = try await store.create(idempotencyKey: idempotencyKey) { id in
            var change = try IncidentLifecycle.open(form, id: id, actor: actor, policy: policy, now: now)
            if let window { MaintenanceLifecycle.hold(&change, in: window, now: now) }
            notifications?.apply(to: &change, firedTimer: nil, now: now)
            change.inbound = inbound
            opening.withLock { $0 = change.events }
            return change
        }
        guard result.created else { return (result.incident, false, nil) }
        timersChanged()
        return (result.incident, true, opening.withLock { $0 })
    }

    /// Applies a person's command; returns the incident once the change is durable.
    /// `inbound`, when given, is recorded with the change (a reply by email that caused it).
    public func perform(_ command: IncidentCommand, on id: IncidentNumber, actor: String, inbound: InboundRecord? = nil) async throws -> Incident {
        let now = clock.now
        let settings = settings.current
        let (policy, notifications, postmortems) = (settings.policy, settings.notifications, settings.postmortems)
        let incident = try await store.update(id) { incident in
            var change = try IncidentLifecycle.apply(command, to: incident, actor: actor, policy: policy, now: now)
            // The fault report is drafted in the same commit as the resolution, so none is ever missing.
            if let postmortems, incident.state.isOpen, change.incident.state == .resolved {
                PostmortemLifecycle.draft(resolving: &change, resolver: actor, policy: postmortems, now: now)
            }
            notifications?.apply(to: &change, firedTimer: nil, now: now)
            change.inbound = inbound
            return change
        }
        timersChanged()
        return incident
    }

    public func incident(_ id: IncidentNumber) async throws -> (Incident, [TimelineEvent])? {
        guard let incident = try await store.incident(id) else { return nil }
        return (incident, try await store.timeline(of: id))
    }

    public func incidents(_ query: IncidentQuery) async throws -> [Incident] {
        try await store.incidents(query)
    }

    // MARK: - Field dispatch

    /// Why a dispatch could not be made here.
    public enum DispatchUnavailable: Error, CustomStringConvertible {
        /// `dispatch` is not configured (no branches).
        case notConfigured
        /// Nobody can be sent; the decision explains every candidate.
        case noEngineer(DispatchDecision)

        public var description: String {
            switch self {
            case .notConfigured: "field dispatch is not configured (dispatch.branches)"
            case let .noEngineer(decision): decision.summary
            }
        }
    }

    /// Chooses and sends a field engineer; returns the decision (for `--explain`) and the visits.
    public func dispatch(
        _ target: DispatchTarget, skill: String?, on id: IncidentNumber, actor: String
    ) async throws -> (decision: DispatchDecision, incident: Incident, visits: [Visit]) {
        let settings = settings.current
        guard let visitStore, let setup = settings.dispatch else { throw DispatchUnavailable.notConfigured }
        let now = clock.now
        let notifications = settings.notifications
        let decided = DecisionBox()
        let result = try await visitStore.updateWithVisits(id, loadSince: now.adding(.zero - setup.policy.loadWindow)) { incident, visits, workload in
            let outcome = try DispatchLifecycle.dispatch(
                target, skill: skill, incident: incident, visits: visits, workload: workload, setup: setup, actor: actor, now: now)
            decided.set(outcome.decision)
            guard var change = outcome.change else { throw DispatchUnavailable.noEngineer(outcome.decision) }
            notifications?.apply(to: &change, firedTimer: nil, now: now)
            return change
        }
        timersChanged()
        return (decided.get()!, result.incident, result.visits)
    }

    /// Applies a visit step (accept, on the way, on site, done, decline, cancel, …) to the incident's latest visit.
    public func visitStep(_ step: VisitStep, on id: IncidentNumber, actor: String) async throws -> (incident: Incident, visits: [Visit]) {
        let settings = settings.current
        guard let visitStore, let setup = settings.dispatch else { throw DispatchUnavailable.notConfigured }
        let now = clock.now
        let notifications = settings.notifications
        let result = try await visitStore.updateWithVisits(id, loadSince: now.adding(.zero - setup.policy.loadWindow)) { incident, visits, workload in
            var change = try DispatchLifecycle.step(step, incident: incident, visits: visits, workload: workload, setup: setup, actor: actor, now: now)
            notifications?.apply(to: &change, firedTimer: nil, now: now)
            return change
        }
        timersChanged()
        return result
    }

    public func visits(of id: IncidentNumber) async throws -> [Visit] {
        try await visitStore?.visits(of: id) ?? []
    }

    public func visits(_ query: VisitQuery) async throws -> [Visit] {
        try await visitStore?.visits(query) ?? []
    }
}

/// Carries the decision out of the store's transaction closure (which may only return the change).
private final class DecisionBox: Sendable {
    private let decision = Mutex<DispatchDecision?>(nil)
    func set(_ value: DispatchDecision) { decision.withLock { $0 = value } }
    func get() -> DispatchDecision? { decision.withLock { $0 } }
}
