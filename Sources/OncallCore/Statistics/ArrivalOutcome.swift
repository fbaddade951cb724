import Foundation

/// How a field visit stands against its arrival promise (`arriveBy`).
public enum ArrivalOutcome: String, Sendable, Codable, CaseIterable {
    /// On site by the promised time.
    case met
    /// On site late, or not on site and the promised time has passed.
    case missed
    /// Not decided: not on site and the promise still ahead, or the visit ended (declined,
    /// cancelled) before the promise was due, so the next visit answers for it.
    case pending
}

extension Visit {
    /// The visit's outcome against `arriveBy`, judged at `now`.
    public func arrivalOutcome(at now: Date) -> ArrivalOutcome {
        if let arrivedAt { return arrivedAt <= arriveBy ? .met : .missed }
        let decidedAt = endedAt ?? now
        return decidedAt > arriveBy ? .missed : .pending
    }
}
