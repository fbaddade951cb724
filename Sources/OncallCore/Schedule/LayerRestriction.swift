import Foundation

/// When a schedule layer applies, judged by the working calendar (holidays and make-up days included).
public enum LayerRestriction: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// At every instant.
    case always = "always"
    /// Only inside the calendar's working hours on working days.
    case workingHours = "working_hours"
    /// Only outside them: evenings, nights, rest days and the whole of a public holiday.
    case outOfHours = "out_of_hours"

    /// Whether the layer applies at `instant`.
    public func matches(_ instant: Date, calendar: WorkingCalendar) -> Bool {
        self == .always || matches(isWorkingTime: calendar.isWorkingTime(instant))
    }

    /// Whether the layer applies at an instant that is (or is not) working time.
    func matches(isWorkingTime working: Bool) -> Bool {
        switch self {
        case .always: return true
        case .workingHours: return working
        case .outOfHours: return !working
        }
    }

    /// The name the config file uses: `always`, `working_hours` or `out_of_hours`.
    public var description: String { rawValue }
}
