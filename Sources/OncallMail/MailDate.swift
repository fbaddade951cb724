import Foundation
import OncallSupport

/// Parses the `Date` header: RFC 5322 and the obsolete forms mailers still send.
///
/// Accepted: an optional weekday, day and month name in either order, 2-, 3- or 4-digit years
/// (RFC 5322 §4.3 windowing), seconds optional, numeric zones with or without a colon, the
/// named US zones, `UT`/`GMT`/`Z`, military letters (read as UTC, as RFC 5322 advises), a
/// trailing comment like `(CST)`, and ISO 8601 (`2024-03-01T10:00:00+08:00`) from scripts.
public enum MailDate {
    /// The instant, or nil when the text does not hold a whole date and time.
    public static func parse(_ text: String) -> Date? {
        var cleaned = ""
        var depth = 0
        for character in text.lowercased() {
            if character == "(" { depth += 1; continue }
            if character == ")" { depth = max(0, depth - 1); continue }
            if depth == 0 { cleaned.append(character == "," ? " " : character) }
        }
        // ISO 8601: split the date from the time at "t" only when it sits between digits.
        cleaned = isoSplit(cleaned)
        let tokens = cleaned.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," || $0 == "\r" || $0 == "\n" })
            .map(String.init)

        var day: Int?
        var month: Int?
        var year: Int?
        var time: (hour: Int, minute: Int, second: Int)?
        var offset: Int?
        var yearDigits = 0

        for token in tokens {
            if time == nil, token.contains(":"), let parsed = parseTime(token) {
                time = (parsed.hour, parsed.minute, parsed.second)
                if let zone = parsed.zone { offset = zone }
                continue
            }
            if token.contains("-") || token.contains("/"), !token.hasPrefix("-"), let date = parseNumericDate(token) {
                (year, month, day) = (date.year, date.month, date.day)
                yearDigits = 4
                continue
            }
            if (token.hasPrefix("+") || token.hasPrefix("-")), offset == nil, let zone = parseOffset(token) {
                offset = zone
                continue
            }
            if let number = Int(token), token.allSatisfy(\.isASCIIDigit) {
                if day == nil, token.count <= 2, number >= 1, number <= 31 {
                    day = number
                } else if year == nil {
                    year = number
                    yearDigits = token.count
                }
                continue
            }
            if month == nil, token.count >= 3, let index = months.firstIndex(of: String(token.prefix(3))) {
                month = index + 1
                continue
            }
            if offset == nil, let zone = namedZones[token] {
                offset = zone
                continue
            }
        }

        guard let day, let month, var year, let time else { return nil }
        // RFC 5322 §4.3: two-digit years below 50 are 20xx, others 19xx; three digits add 1900.
        if yearDigits <= 2 { year += year < 50 ? 2000 : 1900 } else if yearDigits == 3 { year += 1900 }
        guard (1000...9999).contains(year), (1...12).contains(month), (1...31).contains(day),
              (0...23).contains(time.hour), (0...59).contains(time.minute), (0...60).contains(time.second)
        else { return nil }
        let days = CivilDays.days(year: year, month: month, day: day)
        let seconds = days * 86400 + time.hour * 3600 + time.minute * 60 + time.second - (offset ?? 0)
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// RFC 5322 §4.3 zone names, in seconds east of UTC; unknown names count as UTC.
    private static let namedZones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0,
        "est": -5 * 3600, "edt": -4 * 3600, "cst": -6 * 3600, "cdt": -5 * 3600,
        "mst": -7 * 3600, "mdt": -6 * 3600, "pst": -8 * 3600, "pdt": -7 * 3600,
    ]

    /// Replaces the ISO 8601 `t` between a date and a time by a space.
    private static func isoSplit(_ text: String) -> String {
        var characters = Array(text)
        for index in characters.indices where characters[index] == "t" {
            if index > 0, index + 1 < characters.count, characters[index - 1].isASCIIDigit, characters[index + 1].isASCIIDigit {
                characters[index] = " "
            }
        }
        return String(characters)
    }

    /// `hh:mm[:ss[.fff]]`, possibly followed directly by an ISO zone (`z`, `+08:00`).
    private static func parseTime(_ token: String) -> (hour: Int, minute: Int, second: Int, zone: Int?)? {
        var body = Substring(token)
        var zone: Int?
        if body.hasSuffix("z") {
            body = body.dropLast()
            zone = 0
        } else if let sign = body.lastIndex(where: { $0 == "+" || $0 == "-" }), sign != body.startIndex {
            zone = parseOffset(String(body[sign...]))
            body = body[..<sign]
        }
        let parts = body.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 else { return nil }
        let secondText = parts.count == 3 ? parts[2].prefix(while: { $0 != "." }) : "0"
        guard let hour = Int(parts[0]), let minute = Int(parts[1]), let second = Int(secondText),
              parts[0].count <= 2, parts[1].count <= 2, secondText.count <= 2 else { return nil }
        return (hour, minute, second, zone)
    }

    /// `+hhmm`, `-hhmm` or `+hh:mm`, as seconds east of UTC.
    private static func parseOffset(_ token: String) -> Int? {
        guard let sign = token.first, sign == "+" || sign == "-" else { return nil }
        let digits = token.dropFirst().filter { $0 != ":" }
        guard digits.count == 4, digits.allSatisfy(\.isASCIIDigit), let value = Int(digits) else { return nil }
        let hours = value / 100
        let minutes = value % 100
        guard hours <= 23, minutes <= 59 else { return nil }
        let seconds = hours * 3600 + minutes * 60
        return sign == "-" ? -seconds : seconds
    }

    /// `yyyy-mm-dd` or `yyyy/mm/dd`.
    private static func parseNumericDate(_ token: String) -> (year: Int, month: Int, day: Int)? {
        let parts = token.split(whereSeparator: { $0 == "-" || $0 == "/" })
        guard parts.count == 3, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]),
              let day = Int(parts[2]), parts[1].count <= 2, parts[2].count <= 2 else { return nil }
        return (year, month, day)
    }
}
