import Foundation
import Synchronization

/// Mailgun tokens seen within the timestamp window. Memory is enough: a token older than the
/// window is refused by its timestamp, and a replay across a restart is caught by Message-ID dedup.
final class ReplayGuard: Sendable {
    private let seen = Mutex<[String: Date]>([:])
    let window: TimeInterval

    init(window: TimeInterval = 600) {
        self.window = window
    }

    /// Whether `token` was seen before; records it either way.
    func seenBefore(_ token: String, now: Date) -> Bool {
        seen.withLock { seen in
            seen = seen.filter { now.timeIntervalSince($0.value) < window }
            defer { seen[token] = seen[token] ?? now }
            return seen[token] != nil
        }
    }
}
