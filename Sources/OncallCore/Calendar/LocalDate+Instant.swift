import Foundation

extension LocalDate {
    /// The instant this day begins (local midnight) in `timeZone`.
    public func start(in timeZone: TimeZone) -> Date {
        ZonedCalendar(timeZone: timeZone).instant(on: self, at: TimeOfDay(hour: 0, minute: 0)!)
    }
}
