import Foundation
import Synchronization

/// Token buckets per channel: at most `limit` messages a minute, in bursts of up to `limit`.
final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Date
    }

    private let buckets = Mutex<[String: Bucket]>([:])

    /// Takes a token for `channel` and returns nil, or returns when the next token is available.
    func take(_ channel: String, limitPerMinute: Int?, now: Date) -> Date? {
        guard let limit = limitPerMinute, limit > 0 else { return nil }
        let capacity = Double(limit)
        let perSecond = capacity / 60
        return buckets.withLock { buckets in
            var bucket = buckets[channel] ?? Bucket(tokens: capacity, updated: now)
            bucket.tokens = min(capacity, bucket.tokens + max(0, now.timeIntervalSince(bucket.updated)) * perSecond)
            bucket.updated = now
            defer { buckets[channel] = bucket }
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                return nil
            }
            return now.addingTimeInterval((1 - bucket.tokens) / perSecond)
        }
    }
}
