/// One span of working time within a day, e.g. 09:00–12:00.
public struct WorkingHours: Hashable, Sendable, CustomStringConvertible {
    /// The first working minute (inclusive).
    public let start: TimeOfDay
    /// The end of the span (exclusive); may be 24:00.
    public let end: TimeOfDay

    /// A span; nil unless `start < end`.
    public init?(start: TimeOfDay, end: TimeOfDay) {
        guard start < end else { return nil }
        self.start = start
        self.end = end
    }

    /// Parses "09:00-12:00" (an en dash "–" also works; spaces around the parts are ignored).
    public init?(range: String) {
        let parts = range.split(omittingEmptySubsequences: false,
                                whereSeparator: { $0 == "-" || $0 == "–" })
        guard parts.count == 2,
              let start = TimeOfDay(hhmm: String(parts[0])),
              let end = TimeOfDay(hhmm: String(parts[1]))
        else { return nil }
        self.init(start: start, end: end)
    }

    /// The span as "09:00-12:00", the form `init(range:)` reads back.
    public var description: String { "\(start)-\(end)" }
}
