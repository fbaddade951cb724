import Foundation
import OncallCore
import Synchronization

/// An `IncidentStore` in memory with the same transactional behaviour as the SQLite one
/// (a decision that throws changes nothing). For fast tests of the engine and the service.
public final class InMemoryIncidentStore: IncidentStore, TimerStore, StoreHealth {
    struct PendingTimer: Equatable {
        var incident: IncidentNumber
        var kind: TimerKind
        var dueAt: Date
    }

    /// Everything the store holds; internal so the protocol conformances in other files can reach it.
    struct State {
        var incidents: [IncidentNumber: Incident] = [:]
        var timelines: [IncidentNumber: [TimelineEvent]] = [:]
        var timers: [PendingTimer] = []
        var keys: [String: IncidentNumber] = [:]
        var messages: [OutboxMessage] = []
        var visits: [IncidentNumber: [Visit]] = [:]
        var postmortems: [IncidentNumber: Postmortem] = [:]
        var periodicDue: [PeriodicKind: Date] = [:]
        var documents: [PeriodicDocument] = []
        var windows: [MaintenanceWindow] = []
        var heartbeats: [String: HeartbeatState] = [:]
        var calendarFeeds: [CalendarFeed] = []
        var requests: [RequestNumber: ServiceRequest] = [:]
        var requestTimers: [RequestTimer] = []
        var requestKeys: [String: RequestNumber] = [:]
        var writes = 0
    }

    let state = Mutex(State())

    public init() {}

    public func create(
        idempotencyKey: String?, _ make: @escaping @Sendable (IncidentNumber) throws -> IncidentChange
    ) async throws -> (incident: Incident, created: Bool) {
        try state.withLock { state in
            if let idempotencyKey, let id = state.keys[idempotencyKey], let incident = state.incidents[id] {
                return (incident, false)
            }
            let id = IncidentNumber(Int64(state.incidents.count + 1))
            let change = try make(id)
            try Self.apply(change, to: &state)
            if let idempotencyKey { state.keys[idempotencyKey] = id }
            return (change.incident, true)
        }
    }

    public func update(
        _ id: IncidentNumber, _ change: @escaping @Sendable (Incident) throws -> IncidentChange
    ) async throws -> Incident {
        try state.withLock { state in
            guard let current = state.incidents[id] else { throw StoreError.notFound(id) }
            let decided = try change(current)
            try Self.apply(decided, to: &state)
            return decided.incident
        }
    }

    /// Commits `change`; refuses (changing nothing) a change to an approved fault report, as the
    /// SQLite store's trigger does.
    static func apply(_ change: IncidentChange, to state: inout State) throws {
        let id = change.incident.id
        if let postmortem = change.postmortem {
            if let stored = state.postmortems[postmortem.incident], stored.state == .approved, stored != postmortem {
                throw PostmortemError.wrongState(postmortem.incident, .approved, "an approved fault report cannot change")
            }
            state.postmortems[postmortem.incident] = postmortem
        }
        state.incidents[id] = change.incident
        state.timelines[id, default: []] += change.events
        state.messages += change.messages
        for visit in change.visits {
            state.visits[id, default: []].removeAll { $0.attempt == visit.attempt }
            state.visits[id, default: []].append(visit)
            state.visits[id]?.sort { $0.attempt < $1.attempt }
        }
        for timer in change.timers {
            switch timer {
            case let .schedule(kind, dueAt):
                state.timers.removeAll { $0.incident == id && $0.kind == kind }
                state.timers.append(PendingTimer(incident: id, kind: kind, dueAt: dueAt))
            case let .scheduleEarliest(kind, dueAt):
                let earlier = state.timers.first { $0.incident == id && $0.kind == kind }.map { min($0.dueAt, dueAt) } ?? dueAt
                state.timers.removeAll { $0.incident == id && $0.kind == kind }
                state.timers.append(PendingTimer(incident: id, kind: kind, dueAt: earlier))
            case let .cancel(kind):
                state.timers.removeAll { $0.incident == id && $0.kind == kind }
            }
        }
        state.writes += 1
    }

    /// Every message committed to the outbox so far, in order.
    public var outbox: [OutboxMessage] { state.withLock { $0.messages } }

    public func incident(_ id: IncidentNumber) async throws -> Incident? {
        state.withLock { $0.incidents[id] }
    }

    public func timeline(of id: IncidentNumber) async throws -> [TimelineEvent] {
        state.withLock { $0.timelines[id] ?? [] }
    }

    public func incidents(_ query: IncidentQuery) async throws -> [Incident] {
        state.withLock { state in
            state.incidents.values
                .filter { incident in
                    (query.states?.contains(incident.state) ?? true)
                        && (query.level.map { $0 == incident.level } ?? true)
                        && (query.since.map { incident.reportedAt >= $0 } ?? true)
                        && (query.until.map { incident.reportedAt < $0 } ?? true)
                        && (query.before.map { incident.id < $0 } ?? true)
                }
                .sorted { $0.id > $1.id }
                .prefix(query.limit)
                .map { $0 }
        }
    }

    public func nextTimerDue(of kinds: Set<TimerKind>) async throws -> Date? {
        state.withLock { $0.timers.filter { kinds.contains($0.kind) }.map(\.dueAt).min() }
    }

    public func fireDueTimers(now: Date, limit: Int, registry: TimerRegistry) async throws -> TimerCycle {
        try state.withLock { committed in
            // Like the SQLite store's transaction: an effect that cannot be committed fires nothing.
            var state = committed
            let due = state.timers.filter { $0.dueAt <= now && registry.handlers[$0.kind] != nil }.sorted { $0.dueAt < $1.dueAt }.prefix(limit)
            var fired: [DueTimer] = []
            for timer in due {
                state.timers.removeAll { $0 == timer }
                guard let incident = state.incidents[timer.incident], let handler = registry.handlers[timer.kind] else { continue }
                let dueTimer = DueTimer(incident: timer.incident, kind: timer.kind, dueAt: timer.dueAt)
                let context = TimerContext(
                    timer: dueTimer, incident: incident,
                    visits: handler.needs.contains(.visits) ? state.visits[timer.incident] ?? [] : [],
                    postmortem: handler.needs.contains(.postmortem) ? state.postmortems[timer.incident] : nil)
                try Self.apply(handler.fire(context), to: &state)
                fired.append(dueTimer)
            }
            committed = state
            return TimerCycle(fired: fired)
        }
    }

    public func statistics() async throws -> StoreStatistics {
        state.withLock { state in
            var statistics = StoreStatistics(pendingTimers: state.timers.count, commitBatches: state.writes, committedWrites: state.writes)
            for incident in state.incidents.values {
                statistics.incidents[incident.level, default: [:]][incident.state, default: 0] += 1
            }
            for report in state.postmortems.values { statistics.postmortems[report.state, default: 0] += 1 }
            return statistics
        }
    }
}

extension InMemoryIncidentStore: VisitStore {
    public func updateWithVisits(
        _ id: IncidentNumber, loadSince: Date,
        _ change: @escaping @Sendable (Incident, [Visit], EngineerWorkload) throws -> IncidentChange
    ) async throws -> (incident: Incident, visits: [Visit]) {
        try state.withLock { state in
            guard let current = state.incidents[id] else { throw StoreError.notFound(id) }
            var workload = EngineerWorkload()
            for visit in state.visits.values.joined() {
                if visit.isOpen { workload.openDispatches[visit.engineer] = visit.incident }
                if visit.dispatchedAt >= loadSince { workload.recentDispatches[visit.engineer, default: 0] += 1 }
            }
            let decided = try change(current, state.visits[id] ?? [], workload)
            try Self.apply(decided, to: &state)
            return (decided.incident, state.visits[id] ?? [])
        }
    }

    public func visits(of id: IncidentNumber) async throws -> [Visit] {
        state.withLock { $0.visits[id] ?? [] }
    }

    public func visits(_ query: VisitQuery) async throws -> [Visit] {
        state.withLock { state in
            state.visits.values.joined()
                .filter { visit in (!query.openOnly || visit.isOpen) && (query.branch.map { visit.branch == $0 } ?? true) }
                .sorted { $0.dispatchedAt > $1.dispatchedAt }
                .prefix(query.limit).map { $0 }
        }
    }
}
