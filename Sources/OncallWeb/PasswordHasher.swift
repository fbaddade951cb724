import HummingbirdBcrypt
import NIOPosix
import Synchronization

/// Salted, deliberately slow password hashes (bcrypt) for web users.
public enum PasswordHasher {
    /// A bcrypt hash of `password` with a new random salt; `cost` is log2 of the rounds (4...31).
    public static func hash(_ password: String, cost: Int = 12) -> String {
        Bcrypt.hash(password, cost: UInt8(min(max(cost, 4), 31)))
    }

    /// Whether `password` matches `hash`, computed on NIO's blocking pool so the event loop keeps serving.
    /// With no hash (an unknown login) a hash of the same cost is checked anyway, so that the answer
    /// takes as long as for a known login and timing does not tell which logins exist.
    static func verify(_ password: String, against hash: String?, decoyCost: Int) async -> Bool {
        let matches = try? await NIOThreadPool.singleton.runIfActive {
            Bcrypt.verify(password, hash: hash ?? decoy(cost: decoyCost))
        }
        return hash != nil && matches == true
    }

    /// The cost written in a bcrypt hash (`$2b$12$…` → 12).
    static func cost(of hash: String) -> Int? {
        let parts = hash.split(separator: "$", omittingEmptySubsequences: true)
        guard parts.count >= 3, parts[0].hasPrefix("2") else { return nil }
        return Int(parts[1])
    }

    private static let decoys = Mutex<[Int: String]>([:])

    private static func decoy(cost: Int) -> String {
        if let known = decoys.withLock({ $0[cost] }) { return known }
        let made = Self.hash("decoy password that no one has", cost: cost)
        decoys.withLock { $0[cost] = made }
        return made
    }
}
