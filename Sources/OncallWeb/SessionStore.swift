import Foundation
import Synchronization

/// Sessions kept in memory: a restart signs everyone out, which is acceptable for a handful of managers.
final class SessionStore: Sendable {
    private let sessions = Mutex<[String: WebSession]>([:])

    func create(for user: WebUser, now: Date, lifetime: Duration) -> WebSession {
        let session = WebSession(
            token: RandomToken.make(), login: user.login, passwordHash: user.passwordHash, csrfToken: RandomToken.make(),
            expiresAt: now.addingTimeInterval(lifetime.timeInterval))
        sessions.withLock { sessions in
            sessions = sessions.filter { $0.value.expiresAt > now }
            sessions[session.token] = session
        }
        return session
    }

    /// The live session for a cookie's token; an expired one is forgotten.
    func session(for token: String, now: Date) -> WebSession? {
        sessions.withLock { sessions in
            guard let session = sessions[token] else { return nil }
            guard session.expiresAt > now else {
                sessions[token] = nil
                return nil
            }
            return session
        }
    }

    func remove(_ token: String) {
        _ = sessions.withLock { $0.removeValue(forKey: token) }
    }
}
