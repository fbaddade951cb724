import Foundation

/// Wall-clock source for the runtime loops. Decisions never see it: they receive `now: Date`.
public protocol OncallClock: Sendable {
    /// The current instant.
    var now: Date { get }
    /// Suspends until `deadline` (or returns at once if it has passed); throws on cancellation.
    func sleep(until deadline: Date) async throws
}
