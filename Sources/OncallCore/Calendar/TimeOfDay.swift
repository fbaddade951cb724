/// A time of day, minutes since local midnight.
public struct TimeOfDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Minutes since local midnight, 0...1440 (1440 is "24:00", only meaningful as a span end).
    public let minutes: Int

    /// A time from hour 0...23 and minute 0...59; also 24:00, the end of the day.
    public init?(hour: Int, minute: Int) {
        guard ((0...23).contains(hour) && (0...59).contains(minute)) || (hour == 24 && minute == 0)
        else { return nil }
        self.minutes = hour * 60 + minute
    }

    /// Parses `H:MM` or `HH:MM` ("09:00", "18:30", "24:00"); surrounding whitespace is ignored.
    public init?(hhmm: String) {
        let parts = CalendarText.trimmed(hhmm).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2,
              (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy(CalendarText.isASCIIDigit) }),
              let hour = Int(parts[0]), let minute = Int(parts[1])
        else { return nil }
        self.init(hour: hour, minute: minute)
    }

    /// The hour, 0...24.
    public var hour: Int { minutes / 60 }
    /// The minute within the hour, 0...59.
    public var minute: Int { minutes % 60 }

    /// The time as `HH:MM`, e.g. "09:00".
    public var description: String { "\(LocalDate.pad(hour, 2)):\(LocalDate.pad(minute, 2))" }

    /// Earlier in the day first.
    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool { lhs.minutes < rhs.minutes }
}
