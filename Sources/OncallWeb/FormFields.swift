import Foundation
import OncallSupport

/// The fields of an `application/x-www-form-urlencoded` body or a query string.
struct FormFields: Sendable {
    private var values: [String: [String]] = [:]

    init(_ encoded: String?) {
        guard let encoded else { return }
        for field in FormURLEncoding.fields(encoded) {
            values[field.name, default: []].append(field.text)
        }
    }

    /// The first value of a field, nil when absent.
    subscript(_ name: String) -> String? { values[name]?.first }

    /// The first value with surrounding whitespace removed, nil when absent or blank.
    func trimmed(_ name: String) -> String? {
        guard let value = self[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }
}
