import Foundation

/// The fields of an `application/x-www-form-urlencoded` body or a query string.
struct FormFields: Sendable {
    private var values: [String: [String]] = [:]

    init(_ encoded: String?) {
        guard let encoded else { return }
        for pair in encoded.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]) else { continue }
            let value = parts.count == 2 ? Self.decode(parts[1]) ?? "" : ""
            values[name, default: []].append(value)
        }
    }

    /// The first value of a field, nil when absent.
    subscript(_ name: String) -> String? { values[name]?.first }

    /// The first value with surrounding whitespace removed, nil when absent or blank.
    func trimmed(_ name: String) -> String? {
        guard let value = self[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}

extension String {
    /// Percent-encodes a query value (everything but unreserved characters).
    var queryEncoded: String {
        addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")) ?? ""
    }
}
