import Foundation

/// Durable timers. Timers are scheduled and cancelled by the incident changes that carry them
/// (`IncidentChange.timers`); this fires them.
public protocol TimerStore: Sendable {
    /// The due time of the earliest pending timer of one of `kinds`.
    func nextTimerDue(of kinds: Set<TimerKind>) async throws -> Date?
    /// Fires up to `limit` pending timers due at or before `now` whose kind `registry` handles:
    /// each is marked fired in the same transaction that commits its handler's change, so a crash
    /// can neither lose nor repeat one. Each handler gets its incident and what it declared it needs.
    /// Due timers of a kind the registry does not know stay pending and are counted in the answer.
    func fireDueTimers(now: Date, limit: Int, registry: TimerRegistry) async throws -> TimerCycle
}

/// What one firing pass did.
public struct TimerCycle: Sendable, Equatable {
    public var fired: [DueTimer]
    /// Due timers left pending because no handler owns their kind, by the kind as stored.
    public var unknownKinds: [String: Int]

    public init(fired: [DueTimer] = [], unknownKinds: [String: Int] = [:]) {
        self.fired = fired
        self.unknownKinds = unknownKinds
    }
}
