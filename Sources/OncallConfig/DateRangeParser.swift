import OncallCore
import Foundation

/// Parses `calendar.holidays` and `calendar.makeup_days` entries: `YYYY-MM-DD` or an inclusive `YYYY-MM-DD..YYYY-MM-DD`.
enum DateRangeParser {
    /// The longest range accepted: a year, leap or not; longer is almost surely a typo'd year.
    static let maxRangeDays = 366

    /// The dates `text` names, in order.
    static func parse(_ text: String) throws(ValueProblem) -> [LocalDate] {
        let parts = text.components(separatedBy: "..")
        switch parts.count {
        case 1:
            return [try date(parts[0])]
        case 2:
            let start = try date(parts[0])
            let end = try date(parts[1])
            guard start <= end else {
                throw ValueProblem("range end \(end) is before its start \(start)")
            }
            var dates: [LocalDate] = []
            var day = start
            while day <= end {
                guard dates.count < maxRangeDays else {
                    throw ValueProblem("range \(start)..\(end) is longer than \(maxRangeDays) days")
                }
                dates.append(day)
                day = day.adding(days: 1)
            }
            return dates
        default:
            throw ValueProblem("'\(text)' is not a date or a range; expected YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD")
        }
    }

    /// One ISO date; spaces around it are allowed so "2026-10-01 .. 2026-10-07" reads too.
    private static func date(_ text: String) throws(ValueProblem) -> LocalDate {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let date = LocalDate(iso: trimmed) else {
            throw ValueProblem("'\(trimmed)' is not a valid date; expected YYYY-MM-DD such as 2026-10-01")
        }
        return date
    }
}
