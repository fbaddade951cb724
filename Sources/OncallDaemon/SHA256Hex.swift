import Crypto
import Foundation

/// Lowercase hex SHA-256 of a string's UTF-8 bytes: the archived report's fingerprint.
enum SHA256Hex {
    static func digest(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
