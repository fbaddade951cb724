import Foundation

/// The heartbeat use cases: a beat (from the API, `oncallctl` or an Alertmanager Watchdog), the
/// list, and the loop that opens an incident for each missed heartbeat. Opening and resolving go
/// through `IncidentService`, so a missed heartbeat is notified and escalated like any report.
///
/// Crash safety: the miss at `dueAt` is reported under `HeartbeatLifecycle.reportKey`, then
/// recorded on the state only if the state is still that miss. A restart in between repeats the
/// report and gets the same incident; a beat in between finds it by its key and resolves it.
public struct HeartbeatService: Sendable {
    /// A heartbeat with its stored state.
    public struct Reading: Sendable, Equatable {
        public var heartbeat: Heartbeat
        public var state: HeartbeatState
        public var status: HeartbeatStatus

        public init(heartbeat: Heartbeat, state: HeartbeatState, status: HeartbeatStatus) {
            self.heartbeat = heartbeat
            self.state = state
            self.status = status
        }
    }

    /// What a beat did.
    public struct Beat: Sendable, Equatable {
        public var reading: Reading
        /// The incident of the outage the beat ended, when it was open.
        public var resolved: IncidentNumber?

        public init(reading: Reading, resolved: IncidentNumber?) {
            self.reading = reading
            self.resolved = resolved
        }
    }

    /// Something worth a log line and a counter.
    public enum Event: Sendable, Equatable {
        case beat(name: String, actor: String)
        case missed(name: String, incident: IncidentNumber, created: Bool)
        case resolved(name: String, incident: IncidentNumber)
    }

    /// Refusals the routes turn into 404 and 400.
    public enum Refusal: Error, Equatable, CustomStringConvertible {
        case unknown(String, configured: [String])
        case invalidName(String)

        public var description: String {
            switch self {
            case let .unknown(name, configured):
                "no heartbeat '\(name)'" + (configured.isEmpty ? "; none are configured (heartbeats)" : "; configured: \(configured.joined(separator: ", "))")
            case let .invalidName(name):
                "'\(name)' is not a heartbeat name (1-64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit)"
            }
        }
    }

    let store: any HeartbeatStore
    /// The incident reported under an idempotency key (the inbound store's lookup), to find what a miss opened.
    let incidentKeyed: @Sendable (String) async throws -> IncidentNumber?
    let incidents: IncidentService
    let clock: any OncallClock
    let heartbeats: @Sendable () -> [Heartbeat]
    let onEvent: @Sendable (Event) -> Void
    let onError: @Sendable (any Error) -> Void
    let maxIdle: Duration
    let wakeup: Wakeup?

    /// - Parameters:
    ///   - heartbeats: the declared heartbeats in force, read once per operation (a reload applies to the next).
    ///   - maxIdle: the loop looks again at least this often.
    ///   - wakeup: signalled after a reload, which may add a heartbeat or shorten one.
    public init(
        store: any HeartbeatStore, incidentKeyed: @escaping @Sendable (String) async throws -> IncidentNumber?, incidents: IncidentService, clock: any OncallClock,
        heartbeats: @escaping @Sendable () -> [Heartbeat], onEvent: @escaping @Sendable (Event) -> Void = { _ in },
        onError: @escaping @Sendable (any Error) -> Void = { _ in }, maxIdle: Duration = .seconds(30), wakeup: Wakeup? = nil
    ) {
        self.wakeup = wakeup
        self.store = store
        self.incidentKeyed = incidentKeyed
        self.incidents = incidents
        self.clock = clock
        self.heartbeats = heartbeats
        self.onEvent = onEvent
        self.onError = onError
        self.maxIdle = maxIdle
    }

    // MARK: - Beats

    /// Records a beat of `name` by `actor`; resolves the incident of the outage it ends.
    public func beat(_ name: String, actor: String) async throws -> Beat {
        let declared = heartbeats()
        guard Heartbeat.isValidName(name) else { throw Refusal.invalidName(name) }
        guard let heartbeat = declared.first(where: { $0.name == name }) else {
            throw Refusal.unknown(name, configured: declared.map(\.name))
        }
        return try await beat(heartbeat, actor: actor)
    }

    /// Beats every heartbeat fed by a firing Alertmanager alert named `alertname` from `integration`.
    public func beat(alertname: String, integration: String, actor: String) async throws -> [Beat] {
        var beats: [Beat] = []
        for heartbeat in heartbeats() where heartbeat.alertmanagerAlertname == alertname
            && (heartbeat.alertmanagerIntegration == nil || heartbeat.alertmanagerIntegration == integration) {
            beats.append(try await beat(heartbeat, actor: actor))
        }
        return beats
    }

    /// Whether some heartbeat takes alerts named `alertname` from `integration` as beats.
    public func feeds(alertname: String, integration: String) -> Bool {
        heartbeats().contains {
            $0.alertmanagerAlertname == alertname && ($0.alertmanagerIntegration == nil || $0.alertmanagerIntegration == integration)
        }
    }

    func beat(_ heartbeat: Heartbeat, actor: String) async throws -> Beat {
        let now = clock.now
        let (before, after) = try await store.updateHeartbeat(heartbeat.name) { stored in
            HeartbeatLifecycle.beat(stored ?? HeartbeatLifecycle.arm(heartbeat, now: now), of: heartbeat, by: actor, now: now)
        }
        onEvent(.beat(name: heartbeat.name, actor: actor))
        var ended = before?.incident
        if ended == nil, let before, before.dueAt <= now {
            // Missed but not recorded: the loop may have opened the incident and not yet (or never, before a crash) recorded it.
            ended = try await incidentKeyed(HeartbeatLifecycle.reportKey(heartbeat.name, dueAt: before.dueAt))
        }
        var resolved: IncidentNumber?
        if let ended, try await resolve(ended, heartbeat: heartbeat, actor: actor) { resolved = ended }
        let state = after ?? HeartbeatLifecycle.arm(heartbeat, now: now)
        return Beat(reading: Reading(heartbeat: heartbeat, state: state, status: HeartbeatLifecycle.status(state, of: heartbeat, now: now)),
                    resolved: resolved)
    }

    /// Resolves the outage's incident if it is still open (someone may have resolved it by hand).
    func resolve(_ id: IncidentNumber, heartbeat: Heartbeat, actor: String) async throws -> Bool {
        guard let (incident, _) = try await incidents.incident(id), incident.state.isOpen else { return false }
        do {
            _ = try await incidents.perform(.resolve(summary: HeartbeatLifecycle.resolutionSummary(heartbeat.name, by: actor)), on: id, actor: actor)
        } catch is LifecycleError {
            return false  // resolved by someone else in the meantime
        }
        onEvent(.resolved(name: heartbeat.name, incident: id))
        return true
    }

    // MARK: - Reading

    /// Every declared heartbeat with its state (a heartbeat not armed yet shows as armed now), by name.
    public func list() async throws -> [Reading] {
        let now = clock.now
        let stored = Dictionary(try await store.heartbeatStates().map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        return heartbeats().sorted { $0.name < $1.name }.map { heartbeat in
            let state = stored[heartbeat.name].map { HeartbeatLifecycle.rescheduled($0, for: heartbeat) ?? $0 }
                ?? HeartbeatLifecycle.arm(heartbeat, now: now)
            return Reading(heartbeat: heartbeat, state: state, status: HeartbeatLifecycle.status(state, of: heartbeat, now: now))
        }
    }

    // MARK: - The loop

    /// Arms new heartbeats, follows changed intervals, and opens an incident for each heartbeat
    /// missed at `now` that has none; returns the next due time. One heartbeat's failure is reported
    /// and retried soon without holding up the others.
    @discardableResult
    public func runCycle() async throws -> Date? {
        let now = clock.now
        let stored = Dictionary(try await store.heartbeatStates().map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var next: Date?
        for heartbeat in heartbeats().sorted(by: { $0.name < $1.name }) {
            do {
                let state = try await current(heartbeat, stored: stored[heartbeat.name], now: now)
                if HeartbeatLifecycle.needsIncident(state, now: now) {
                    try await open(heartbeat, missed: state)
                } else if state.incident == nil {
                    next = min(next ?? state.dueAt, state.dueAt)
                }
            } catch {
                onError(error)
                let retry = now.adding(Self.retryAfter)
                next = min(next ?? retry, retry)
            }
        }
        return next
    }

    /// How soon a failed cycle, or one heartbeat's failure, is tried again.
    static let retryAfter = Duration.seconds(5)

    /// The heartbeat's state as the loop needs it: armed at first sight, rescheduled after a changed interval.
    func current(_ heartbeat: Heartbeat, stored: HeartbeatState?, now: Date) async throws -> HeartbeatState {
        guard let stored else {
            return try await store.updateHeartbeat(heartbeat.name) { current in
                current == nil ? HeartbeatLifecycle.arm(heartbeat, now: now) : nil
            }.after ?? HeartbeatLifecycle.arm(heartbeat, now: now)
        }
        guard let moved = HeartbeatLifecycle.rescheduled(stored, for: heartbeat) else { return stored }
        return try await store.updateHeartbeat(heartbeat.name) { current in
            current.flatMap { HeartbeatLifecycle.rescheduled($0, for: heartbeat) }
        }.after ?? moved
    }

    /// Reports the miss and records its incident on the state, unless a beat came meanwhile (then it resolves it).
    func open(_ heartbeat: Heartbeat, missed state: HeartbeatState) async throws {
        let dueAt = state.dueAt
        let (incident, created) = try await incidents.report(
            HeartbeatLifecycle.report(heartbeat, state: state), actor: HeartbeatLifecycle.actor(heartbeat.name),
            idempotencyKey: HeartbeatLifecycle.reportKey(heartbeat.name, dueAt: dueAt), labels: ["heartbeat": heartbeat.name])
        let recorded = try await store.updateHeartbeat(heartbeat.name) { current in
            guard var current, current.incident == nil, HeartbeatLifecycle.sameInstant(current.dueAt, dueAt) else { return nil }
            current.incident = incident.id
            return current
        }
        onEvent(.missed(name: heartbeat.name, incident: incident.id, created: created))
        if let after = recorded.after, after.incident == nil, !HeartbeatLifecycle.sameInstant(after.dueAt, dueAt) {
            // A beat arrived between the report and its record: the outage is already over.
            _ = try await resolve(incident.id, heartbeat: heartbeat, actor: after.lastBeatBy ?? HeartbeatLifecycle.actor(heartbeat.name))
        }
    }

    /// Runs cycles until cancelled, sleeping until the next due time; a failing cycle is reported and retried.
    public func run() async {
        await CycleLoop(clock: clock, wakeup: wakeup, maxIdle: maxIdle, retryAfter: Self.retryAfter).run({ try await runCycle() }, onError: onError)
    }
}
