import Foundation

/// Working days and hours: weekly rest days, public holidays and make-up working days (调休).
///
/// All instants are built with a Gregorian `Calendar` in `timeZone`, so days of 23 or 25
/// hours (DST) are handled; working time is measured in real elapsed seconds.
public struct WorkingCalendar: Sendable, Equatable {
    /// The zone whose wall clock defines days and working hours.
    public let timeZone: TimeZone
    /// The daily working spans, sorted by start and not overlapping.
    public let workingHours: [WorkingHours]
    /// Weekdays that are not worked unless a date is a make-up day.
    public let restDays: Set<Weekday>
    /// Dates that are not worked, whatever their weekday.
    public let holidays: Set<LocalDate>
    /// Dates that are worked even though their weekday is a rest day (调休).
    public let makeupDays: Set<LocalDate>

    /// Gregorian calendar in `timeZone`; derived from it, so left out of equality.
    private let calendar: Calendar

    /// Scans for working days give up after this many calendar days (ten years).
    static let scanLimitDays = 3_660

    /// Validates and builds a calendar; `workingHours` may be given in any order.
    public init(
        timeZone: TimeZone,
        workingHours: [WorkingHours],
        restDays: Set<Weekday>,
        holidays: Set<LocalDate> = [],
        makeupDays: Set<LocalDate> = []
    ) throws(CalendarError) {
        guard !workingHours.isEmpty else { throw .noWorkingHours }
        let sorted = workingHours.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        for (earlier, later) in zip(sorted, sorted.dropFirst()) where later.start < earlier.end {
            throw .overlappingWorkingHours(earlier, later)
        }
        // At least one working weekday is what makes every working-day scan terminate.
        guard restDays.count < Weekday.allCases.count else { throw .noWorkingWeekday }
        if let clash = holidays.intersection(makeupDays).min() {
            throw .holidayIsMakeupDay(clash)
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.timeZone = timeZone
        self.workingHours = sorted
        self.restDays = restDays
        self.holidays = holidays
        self.makeupDays = makeupDays
        self.calendar = calendar
    }

    /// Asia/Shanghai, 09:00–12:00 and 13:00–18:00, Saturday and Sunday off, no holidays.
    public static let standard: WorkingCalendar = {
        // A host without tzdata has no "Asia/Shanghai"; China has had no DST since 1991,
        // so a fixed UTC+8 is the same for any date the daemon deals with.
        let zone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!
        let morning = WorkingHours(start: TimeOfDay(hour: 9, minute: 0)!, end: TimeOfDay(hour: 12, minute: 0)!)!
        let afternoon = WorkingHours(start: TimeOfDay(hour: 13, minute: 0)!, end: TimeOfDay(hour: 18, minute: 0)!)!
        do {
            return try WorkingCalendar(
                timeZone: zone, workingHours: [morning, afternoon], restDays: [.saturday, .sunday])
        } catch {
            preconditionFailure("the standard calendar is valid: \(error)")
        }
    }()

    /// Equal when every configured field is equal.
    public static func == (lhs: WorkingCalendar, rhs: WorkingCalendar) -> Bool {
        lhs.timeZone == rhs.timeZone && lhs.workingHours == rhs.workingHours
            && lhs.restDays == rhs.restDays && lhs.holidays == rhs.holidays
            && lhs.makeupDays == rhs.makeupDays
    }

    // MARK: - Days

    /// The calendar day on which `instant` falls in `timeZone`.
    public func localDate(of instant: Date) -> LocalDate {
        let parts = calendar.dateComponents([.era, .year, .month, .day], from: instant)
        // Foundation counts BC years upwards in era 0; convert to astronomical numbering.
        let yearOfEra = parts.year ?? 1
        let year = parts.era == 0 ? 1 - yearOfEra : yearOfEra
        return LocalDate(unchecked: year, parts.month ?? 1, parts.day ?? 1)
    }

    /// Whether `day` is worked: a holiday never is; a make-up day always is; else not a rest day.
    public func isWorkingDay(_ day: LocalDate) -> Bool {
        if holidays.contains(day) { return false }
        if makeupDays.contains(day) { return true }
        return !restDays.contains(day.weekday)
    }

    /// The first working day on or after `day`.
    public func nextWorkingDay(onOrAfter day: LocalDate) -> LocalDate {
        // Any 7 consecutive days hold a non-rest weekday (init guarantees one), which is only
        // non-working if it is a holiday; so a run of non-working days is shorter than
        // 7 × (holidays + 1) days and this scan always succeeds.
        var candidate = day
        for _ in 0..<maxDayScan {
            if isWorkingDay(candidate) { return candidate }
            candidate = candidate.adding(days: 1)
        }
        preconditionFailure("no working day within \(maxDayScan) days of \(day); init rules this out")
    }

    // MARK: - Working time

    /// Whether `instant` falls on a working day inside one of its working spans.
    public func isWorkingTime(_ instant: Date) -> Bool {
        let day = localDate(of: instant)
        guard isWorkingDay(day) else { return false }
        return workingHours.contains { span in
            self.instant(on: day, at: span.start) <= instant && instant < self.instant(on: day, at: span.end)
        }
    }

    /// The instant `duration` of working time after `start` (time outside working hours does not count). "4 working hours".
    ///
    /// A start inside a span counts only the rest of it; a start outside working time waits for
    /// the next span. Working time that ends exactly at a span's end returns that end (18:00,
    /// not the next morning). A zero or negative duration returns `start` unchanged. Needing
    /// more than ten years of calendar days returns `Date.distantFuture`.
    public func addingWorkingTime(_ duration: Duration, to start: Date) -> Date {
        let parts = duration.components
        var remaining = Double(parts.seconds) + Double(parts.attoseconds) / 1e18
        guard remaining > 0 else { return start }
        var day = localDate(of: start)
        for _ in 0..<maxDayScan {
            if isWorkingDay(day) {
                for span in workingHours {
                    let spanEnd = instant(on: day, at: span.end)
                    guard spanEnd > start else { continue }
                    let begin = max(instant(on: day, at: span.start), start)
                    let available = spanEnd.timeIntervalSince(begin)
                    if remaining <= available { return begin.addingTimeInterval(remaining) }
                    remaining -= available
                }
            }
            day = day.adding(days: 1)
        }
        return .distantFuture
    }

    /// The end of working hours of the `days`-th working day after the day of `start` ("within 5 working days"). 0 → end of start's own day if it is a working day, else of the next working day.
    ///
    /// Only the local date of `start` matters, not its time: with 0, a start after hours on a
    /// working day returns that day's (earlier) end of hours. Counting starts strictly after
    /// start's day, so from a rest day 0 and 1 give the same day. Negative `days` count as 0;
    /// more than 3,660 return `Date.distantFuture`.
    public func addingWorkingDays(_ days: Int, to start: Date) -> Date {
        guard days <= Self.scanLimitDays else { return .distantFuture }
        let startDay = localDate(of: start)
        var day = nextWorkingDay(onOrAfter: startDay)
        if days > 0 {
            day = startDay
            for _ in 0..<days { day = nextWorkingDay(onOrAfter: day.adding(days: 1)) }
        }
        return endOfWorkingHours(on: day)
    }

    /// The same as `instant` if it falls on a working day, else the same local time on the next working day ("遇节假日顺延": a deadline on a holiday moves to the next working day).
    public func postponedToWorkingDay(_ instant: Date) -> Date {
        let day = localDate(of: instant)
        guard !isWorkingDay(day) else { return instant }
        let target = nextWorkingDay(onOrAfter: day)
        var parts = calendar.dateComponents([.hour, .minute, .second], from: instant)
        parts.year = target.year
        parts.month = target.month
        parts.day = target.day
        // Zone offsets are whole seconds, so the sub-second part carries over unchanged.
        let seconds = instant.timeIntervalSinceReferenceDate
        let fraction = seconds - seconds.rounded(.down)
        return date(from: parts).addingTimeInterval(fraction)
    }

    // MARK: - Helpers

    /// How many days a day-by-day scan may look at: at least ten years, and always enough to
    /// get past every holiday run (see `nextWorkingDay`).
    private var maxDayScan: Int { max(Self.scanLimitDays, 7 * (holidays.count + 1)) }

    /// The end of the last working span of `day`.
    private func endOfWorkingHours(on day: LocalDate) -> Date {
        // Sorted and non-overlapping, so the last span ends latest.
        instant(on: day, at: workingHours[workingHours.count - 1].end)
    }

    /// The instant at wall-clock `time` on `day`; 24:00 is the next day's midnight. In a DST
    /// gap Foundation moves the time forward by the gap.
    private func instant(on day: LocalDate, at time: TimeOfDay) -> Date {
        let (date, minutes) = time.minutes >= 24 * 60 ? (day.adding(days: 1), 0) : (day, time.minutes)
        var parts = DateComponents()
        parts.year = date.year
        parts.month = date.month
        parts.day = date.day
        parts.hour = minutes / 60
        parts.minute = minutes % 60
        return self.date(from: parts)
    }

    private func date(from parts: DateComponents) -> Date {
        guard let date = calendar.date(from: parts) else {
            preconditionFailure("Gregorian calendar could not build \(parts)")
        }
        return date
    }
}
