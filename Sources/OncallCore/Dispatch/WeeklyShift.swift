/// One recurring shift: the same span of the day on some days of the week, e.g. Monday to
/// Friday 08:00–20:00. A night shift is written as two shifts, one on each side of midnight.
public struct WeeklyShift: Sendable, Hashable, CustomStringConvertible {
    /// The days the shift is worked.
    public var days: Set<Weekday>
    /// The span of the day worked on each of them.
    public var hours: WorkingHours

    /// A shift of `hours` on each of `days`.
    public init(days: Set<Weekday>, hours: WorkingHours) {
        self.days = days
        self.hours = hours
    }

    /// Whether the shift is worked at `minutes` past local midnight on `day`.
    public func contains(day: Weekday, minutes: Int) -> Bool {
        days.contains(day) && hours.start.minutes <= minutes && minutes < hours.end.minutes
    }

    /// E.g. `mon,tue,wed 08:00-20:00`, days in week order from Monday.
    public var description: String {
        let order: [(Weekday, String)] = [
            (.monday, "mon"), (.tuesday, "tue"), (.wednesday, "wed"), (.thursday, "thu"),
            (.friday, "fri"), (.saturday, "sat"), (.sunday, "sun"),
        ]
        let names = order.filter { days.contains($0.0) }.map(\.1).joined(separator: ",")
        return "\(names) \(hours)"
    }
}
