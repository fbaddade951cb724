import Foundation

/// Wall-clock arithmetic in one time zone: local dates of instants and instants of local times.
///
/// A Gregorian `Calendar` in the zone does the conversion, so days of 23 or 25 hours (DST)
/// come out right; `LocalDate` does the day counting, so no step can be skewed by DST.
struct ZonedCalendar: Sendable {
    /// Gregorian, in the zone.
    let calendar: Calendar

    /// Arithmetic in `timeZone`.
    init(timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// The zone.
    var timeZone: TimeZone { calendar.timeZone }

    /// The calendar day on which `instant` falls in the zone.
    func localDate(of instant: Date) -> LocalDate {
        let parts = calendar.dateComponents([.era, .year, .month, .day], from: instant)
        // Foundation counts BC years upwards in era 0; convert to astronomical numbering.
        let yearOfEra = parts.year ?? 1
        let year = parts.era == 0 ? 1 - yearOfEra : yearOfEra
        return LocalDate(unchecked: year, parts.month ?? 1, parts.day ?? 1)
    }

    /// The instant at wall-clock `time` on `day`; 24:00 is the next day's midnight. In a DST gap
    /// Foundation moves the time forward by the gap; in a repeated hour it takes the first one.
    func instant(on day: LocalDate, at time: TimeOfDay) -> Date {
        let (date, minutes) = time.minutes >= 24 * 60 ? (day.adding(days: 1), 0) : (day, time.minutes)
        var parts = DateComponents()
        parts.year = date.year
        parts.month = date.month
        parts.day = date.day
        parts.hour = minutes / 60
        parts.minute = minutes % 60
        guard let instant = calendar.date(from: parts) else {
            preconditionFailure("Gregorian calendar could not build \(parts)")
        }
        return instant
    }
}
