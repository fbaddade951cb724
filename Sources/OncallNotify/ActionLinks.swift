import Crypto
import Foundation
import OncallCore

/// Signed, expiring tokens for the acknowledge/resolve links in messages. The token is the
/// credential: `base64url(payload).base64url(HMAC-SHA256(secret, payload))`.
public struct ActionLinks: Sendable {
    /// What a link lets its holder do.
    public enum Action: String, Sendable, Codable, CaseIterable {
        case acknowledge = "ack"
        case resolve
        /// A dispatched field engineer's visit steps.
        case accept, depart, arrive, complete
    }

    /// The signed facts: which incident, which action, for whom, until when.
    public struct Claims: Sendable, Codable, Equatable {
        public var incident: Int64
        public var action: Action
        public var person: String
        public var expires: Int64

        enum CodingKeys: String, CodingKey {
            case incident = "i", action = "a", person = "p", expires = "e"
        }
    }

    private let secret: Data
    let lifetime: Duration

    public init(secret: String, lifetime: Duration) {
        self.secret = Data(secret.utf8)
        self.lifetime = lifetime
    }

    private var key: SymmetricKey { SymmetricKey(data: secret) }

    /// A token for `person` to take `action` on `incident`, valid for the configured lifetime.
    public func token(_ action: Action, incident: IncidentNumber, person: String, now: Date) -> String {
        let claims = Claims(
            incident: incident.value, action: action, person: person,
            expires: Int64(now.adding(lifetime).timeIntervalSince1970))
        let payload = (try? JSONEncoder().encode(claims)) ?? Data()
        let signature = Data(HMAC<SHA256>.authenticationCode(for: payload, using: key))
        return Self.base64url(payload) + "." + Self.base64url(signature)
    }

    /// The claims of a genuine, unexpired token; nil otherwise.
    public func verify(_ token: String, now: Date) -> Claims? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let payload = Self.data(base64url: parts[0]), let signature = Self.data(base64url: parts[1]),
              HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: payload, using: key),
              let claims = try? JSONDecoder().decode(Claims.self, from: payload),
              Double(claims.expires) > now.timeIntervalSince1970
        else { return nil }
        return claims
    }

    static func base64url(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func data(base64url text: Substring) -> Data? {
        guard text.count < 4096 else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
