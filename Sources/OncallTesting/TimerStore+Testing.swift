import Foundation
import OncallCore

extension TimerStore {
    /// Fires due timers of every kind through one effect, for tests that decide the effect themselves.
    public func fireDueTimers(
        now: Date, limit: Int, _ effect: @escaping @Sendable (DueTimer, Incident, [Visit], Postmortem?) -> IncidentChange
    ) async throws -> [DueTimer] {
        let handler = TimerHandler(needs: [.visits, .postmortem]) { effect($0.timer, $0.incident, $0.visits, $0.postmortem) }
        let registry = TimerRegistry([Dictionary(uniqueKeysWithValues: TimerKind.allCases.map { ($0, handler) })])
        return try await fireDueTimers(now: now, limit: limit, registry: registry).fired
    }

    /// The earliest pending timer of any kind.
    public func nextTimerDue() async throws -> Date? {
        try await nextTimerDue(of: Set(TimerKind.allCases))
    }
}
