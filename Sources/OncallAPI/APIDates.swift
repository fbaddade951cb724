import Foundation
import OncallSupport

/// Timestamps on the wire: RFC 3339 with an offset, fractional seconds optional on the way in,
/// UTC with milliseconds on the way out (``RFC3339``).
public enum APIDates {
    /// Parses `2026-11-25T08:05:00+08:00`, `2026-11-25T00:05:00Z` or `2026-11-25T00:05:00.250Z`.
    public static func parse(_ text: String) -> Date? {
        RFC3339.parse(text)
    }

    /// Formats in UTC with milliseconds, e.g. `2026-11-25T00:05:00.000Z`.
    public static func format(_ date: Date) -> String {
        RFC3339.format(date, fractionalDigits: 3)
    }

    /// The API's encoder: sorted keys, unescaped slashes, times as ``format(_:)`` writes them.
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .rfc3339Milliseconds
        return encoder
    }()

    /// The API's decoder: times as ``parse(_:)`` reads them.
    public static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .rfc3339
        return decoder
    }()
}
