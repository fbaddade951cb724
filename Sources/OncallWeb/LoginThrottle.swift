import Foundation
import Synchronization

/// Slows password guessing: after `maxFailures` failed sign-ins for one login within `window`,
/// that login is refused for `lockout` from the last failure. Logins that do not exist are counted
/// the same way, so a lockout does not tell whether a login exists.
final class LoginThrottle: Sendable {
    static let maxFailures = 5
    static let window: TimeInterval = 5 * 60
    static let lockout: TimeInterval = 5 * 60

    private struct Record {
        var failures: [Date] = []
        var lockedUntil: Date?
    }

    private let records = Mutex<[String: Record]>([:])

    /// Counts an attempt as failed before the password is checked (`succeeded` forgives it), so
    /// that concurrent guesses cannot all slip in before the first is counted. Returns the end of
    /// the lockout when the login is locked, nil when the attempt may go ahead.
    func begin(_ login: String, now: Date) -> Date? {
        let key = login.lowercased()
        return records.withLock { records in
            if records.count > 10_000 {
                records = records.filter { ($0.value.lockedUntil ?? .distantPast) > now || $0.value.failures.contains { now.timeIntervalSince($0) < Self.window } }
            }
            var record = records[key] ?? Record()
            if let until = record.lockedUntil, now < until { return until }
            record.lockedUntil = nil
            record.failures = record.failures.filter { now.timeIntervalSince($0) < Self.window }
            if record.failures.count >= Self.maxFailures, let last = record.failures.last {
                let until = last.addingTimeInterval(Self.lockout)
                record.lockedUntil = until
                records[key] = record
                return until
            }
            record.failures.append(now)
            records[key] = record
            return nil
        }
    }

    func succeeded(_ login: String) {
        _ = records.withLock { $0.removeValue(forKey: login.lowercased()) }
    }
}
