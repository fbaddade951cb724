import Foundation

/// Polls `check` every `interval` until it returns a value, or throws after `timeout`.
/// Every wait in this suite has a deadline, so a broken daemon fails a test instead of hanging it.
func eventually<T>(
    _ what: @autoclosure () -> String, timeout: Duration = .seconds(10), interval: Duration = .milliseconds(50),
    _ check: () async throws -> T?
) async throws -> T {
    let deadline = ContinuousClock.now + timeout
    while true {
        if let value = try await check() { return value }
        if ContinuousClock.now >= deadline { throw HarnessError("timed out after \(timeout) waiting for \(what())") }
        try await Task.sleep(for: interval)
    }
}

/// Sleeps until `instant` (no-op if it has passed).
func sleep(until instant: ContinuousClock.Instant) async throws {
    let remaining = instant - ContinuousClock.now
    if remaining > .zero { try await Task.sleep(for: remaining) }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
