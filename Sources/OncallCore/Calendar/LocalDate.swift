import OncallSupport

/// A calendar day in the calendar's time zone.
///
/// Pure proleptic-Gregorian arithmetic (no `Calendar`, no time zone), so day stepping and
/// weekday lookup can never be skewed by DST or by the host's locale.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The year, 1...9999 when built by the public initialisers.
    public let year: Int
    /// The month, 1...12.
    public let month: Int
    /// The day of the month, 1...31.
    public let day: Int

    /// A validated date; nil unless the year is 1...9999 and the day exists in that month.
    public init?(year: Int, month: Int, day: Int) {
        // Four-digit years only, so `description` and `init(iso:)` always round-trip.
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= LocalDate.daysInMonth(year: year, month: month)
        else { return nil }
        self.init(unchecked: year, month, day)
    }

    /// Parses exactly `YYYY-MM-DD` (ASCII digits, zero-padded), e.g. "2026-10-01".
    public init?(iso: String) {
        let bytes = Array(iso.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-")
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Skips validation; callers guarantee a real date (used by day arithmetic).
    init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date in ISO form, e.g. "2026-10-01".
    public var description: String {
        "\(LocalDate.pad(year, 4))-\(LocalDate.pad(month, 2))-\(LocalDate.pad(day, 2))"
    }

    /// The date `days` days later (earlier when negative).
    public func adding(days: Int) -> LocalDate {
        LocalDate(daysSinceEpoch: daysSinceEpoch + days)
    }

    /// The day of the week.
    public var weekday: Weekday {
        // 1970-01-01 was a Thursday (raw value 5).
        let offset = ((daysSinceEpoch % 7) + 7) % 7
        return Weekday(rawValue: (offset + 4) % 7 + 1)!
    }

    /// Chronological order.
    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    // MARK: - Day arithmetic

    /// Days since 1970-01-01.
    var daysSinceEpoch: Int { CivilDays.days(year: year, month: month, day: day) }

    /// The date `days` days after 1970-01-01.
    init(daysSinceEpoch days: Int) {
        let (year, month, day) = CivilDays.date(days: days)
        self.init(unchecked: year, month, day)
    }

    static func daysInMonth(year: Int, month: Int) -> Int { CivilDays.daysInMonth(year: year, month: month) }

    /// Zero-pads without Foundation's `String(format:)`, which is locale- and platform-sensitive.
    static func pad(_ value: Int, _ width: Int) -> String { CivilDays.zeroPadded(value, width) }
}
