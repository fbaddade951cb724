import Crypto
import Foundation

/// Lower-case hex SHA-256 of some bytes (also the archived fault report's fingerprint).
public enum SHA256Hex {
    public static func of(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
