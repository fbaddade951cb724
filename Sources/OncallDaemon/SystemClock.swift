import Foundation
import OncallCore

/// The real wall clock: `Date()` and `Task.sleep`. Only the daemon's loops use it.
public struct SystemClock: OncallClock {
    public init() {}

    public var now: Date { Date() }

    public func sleep(until deadline: Date) async throws {
        let interval = deadline.timeIntervalSinceNow
        if interval > 0 { try await Task.sleep(for: .milliseconds(Int64((interval * 1000).rounded(.up)))) }
    }
}
