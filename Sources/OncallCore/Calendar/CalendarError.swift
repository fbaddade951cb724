/// Why a working calendar is invalid.
public enum CalendarError: Error, Equatable, CustomStringConvertible {
    /// Two working-hour spans overlap (touching end-to-start is fine); the earlier span first.
    case overlappingWorkingHours(WorkingHours, WorkingHours)
    /// No working-hour spans were given.
    case noWorkingHours
    /// All seven weekdays are rest days, so only make-up days could ever be worked.
    case noWorkingWeekday
    /// A date is both a holiday and a make-up working day (the earliest such date).
    case holidayIsMakeupDay(LocalDate)

    /// A clear English sentence for logs and config validation messages.
    public var description: String {
        switch self {
        case let .overlappingWorkingHours(first, second):
            return "Working hours \(first) and \(second) overlap."
        case .noWorkingHours:
            return "The working calendar has no working hours."
        case .noWorkingWeekday:
            return "Every day of the week is a rest day, so the calendar has no regular working days."
        case let .holidayIsMakeupDay(date):
            return "\(date) is listed both as a holiday and as a make-up working day."
        }
    }
}
