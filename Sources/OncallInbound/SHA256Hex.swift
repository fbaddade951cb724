import Crypto
import Foundation
import OncallSupport

/// Lower-case hex SHA-256 of some bytes (also the archived fault report's fingerprint).
public enum SHA256Hex {
    /// The digest of `data`, 64 lowercase hex digits.
    public static func of(_ data: Data) -> String {
        Hex.string(SHA256.hash(data: data))
    }
}
