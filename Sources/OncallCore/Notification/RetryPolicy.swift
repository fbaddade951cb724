import Foundation

/// When to try a failed delivery again: exponential backoff with jitter, up to `maxAttempts`.
public struct RetryPolicy: Sendable, Equatable {
    public var maxAttempts: Int
    public var initialBackoff: Duration
    public var maxBackoff: Duration

    public init(maxAttempts: Int = 8, initialBackoff: Duration = .seconds(10), maxBackoff: Duration = .seconds(600)) {
        self.maxAttempts = maxAttempts
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
    }

    /// The next attempt after `attempts` failed ones, or nil when the message is dead.
    /// `jitter` in [0, 1) spreads retries over the upper half of the backoff ("equal jitter"),
    /// so a recovering server is not hit by every sender at once.
    public func retryAt(afterAttempts attempts: Int, now: Date, jitter: Double) -> Date? {
        guard attempts < maxAttempts else { return nil }
        let exponent = Double(max(0, attempts - 1))
        let backoff = min(initialBackoff.timeInterval * pow(2, min(exponent, 30)), maxBackoff.timeInterval)
        return now.addingTimeInterval(backoff / 2 + backoff / 2 * min(max(jitter, 0), 0.999_999))
    }
}
