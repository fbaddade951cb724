import Foundation

/// The secret in a calendar feed's address: 32 random bytes in base64url without padding
/// (43 characters), as unguessable as a Google Calendar secret address.
public enum CalendarFeedToken {
    /// Random bytes in a token.
    public static let byteCount = 32

    /// A new token from a cryptographically secure generator (`getrandom` on Linux).
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return encode((0..<byteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// Base64url (RFC 4648 §5) without padding.
    public static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Whether `text` has a token's shape, so a request for anything else is refused before any look-up.
    public static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == 43 && text.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x2D || byte == 0x5F
        }
    }
}
