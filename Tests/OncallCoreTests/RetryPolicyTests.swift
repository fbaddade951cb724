import Foundation
import OncallCore
import OncallTesting
import Testing

@Suite("Retry policy")
struct RetryPolicyTests {
    let policy = RetryPolicy(maxAttempts: 5, initialBackoff: .seconds(10), maxBackoff: .seconds(60))

    // Equal jitter: the wait lies in [backoff/2, backoff), backoff = min(10s · 2^(attempts-1), 60s).
    @Test("backoff doubles up to the cap, within the jitter band", arguments: [
        (1, 5.0, 10.0), (2, 10.0, 20.0), (3, 20.0, 40.0), (4, 30.0, 60.0),
    ])
    func backoff(attempts: Int, low: Double, high: Double) throws {
        let earliest = try #require(policy.retryAt(afterAttempts: attempts, now: t0, jitter: 0))
        let latest = try #require(policy.retryAt(afterAttempts: attempts, now: t0, jitter: 0.999_999))
        #expect(earliest.timeIntervalSince(t0) == low)
        #expect(latest.timeIntervalSince(t0) < high)
        #expect(latest.timeIntervalSince(t0) > high - 0.001)
    }

    @Test("after the last attempt the message is dead")
    func dead() {
        #expect(policy.retryAt(afterAttempts: 5, now: t0, jitter: 0.5) == nil)
    }
}
