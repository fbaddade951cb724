import Foundation

/// The use cases the API offers: report, command, read. Reads the clock once per request and
/// lets the lifecycle decide; the store commits; the timer engine is woken for new timers.
public struct IncidentService: Sendable {
    let store: any IncidentStore
    let clock: any OncallClock
    let policy: @Sendable () -> IncidentPolicy
    let notifications: @Sendable () -> NotificationPolicy?
    let timersChanged: @Sendable () -> Void

    /// - Parameters:
    ///   - policy: read per request, so a config reload applies to the next report.
    ///   - notifications: who is told what; nil sends nothing.
    ///   - timersChanged: called after a commit that may have added a nearer timer or new messages.
    public init(
        store: any IncidentStore, clock: any OncallClock,
        policy: @escaping @Sendable () -> IncidentPolicy,
        notifications: @escaping @Sendable () -> NotificationPolicy? = { nil },
        timersChanged: @escaping @Sendable () -> Void
    ) {
        self.store = store
        self.clock = clock
        self.policy = policy
        self.notifications = notifications
        self.timersChanged = timersChanged
    }

    /// Records a new report; returns once it is durable.
    public func report(_ form: ReportForm, actor: String, idempotencyKey: String? = nil) async throws -> (incident: Incident, created: Bool) {
        let now = clock.now
        let policy = policy()
        let notifications = notifications()
        let result = try await store.create(idempotencyKey: idempotencyKey) { id in
            var change = try IncidentLifecycle.open(form, id: id, actor: actor, policy: policy, now: now)
            notifications?.apply(to: &change, firedTimer: nil, now: now)
            return change
        }
        if result.created { timersChanged() }
        return result
    }

    /// Applies a person's command; returns the incident once the change is durable.
    public func perform(_ command: IncidentCommand, on id: IncidentNumber, actor: String) async throws -> Incident {
        let now = clock.now
        let policy = policy()
        let notifications = notifications()
        let incident = try await store.update(id) { incident in
            var change = try IncidentLifecycle.apply(command, to: incident, actor: actor, policy: policy, now: now)
            notifications?.apply(to: &change, firedTimer: nil, now: now)
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
}
