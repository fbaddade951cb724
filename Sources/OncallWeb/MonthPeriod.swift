import Foundation
import OncallCore

/// A calendar month (`2026-11`) in the configured time zone, as the archive and statistics filter by.
struct MonthPeriod: Sendable, Equatable, Comparable {
    let year: Int
    let month: Int

    init(year: Int, month: Int) {
        self.year = year + (month - 1).floorDivided(by: 12)
        self.month = (month - 1).floorModulo(12) + 1
    }

    /// Parses `YYYY-MM`; nil for anything else.
    init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
              let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month), year >= 1970
        else { return nil }
        self.init(year: year, month: month)
    }

    /// The month `date` falls in, in `timeZone`.
    init(containing date: Date, in timeZone: TimeZone) {
        self = MonthPeriod(IncidentStatistics.month(of: date, timeZone: timeZone)) ?? MonthPeriod(year: 1970, month: 1)
    }

    var text: String { String(format: "%04d-%02d", year, month) }

    func adding(months: Int) -> MonthPeriod { MonthPeriod(year: year, month: month + months) }

    /// Local midnight of the first day.
    func start(in timeZone: TimeZone) -> Date {
        IncidentStatistics.monthRange(text, timeZone: timeZone)?.from ?? .distantPast
    }

    /// Start of the next month: the end of this one, exclusive.
    func end(in timeZone: TimeZone) -> Date { adding(months: 1).start(in: timeZone) }

    static func < (lhs: Self, rhs: Self) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }
}

extension Int {
    fileprivate func floorDivided(by divisor: Int) -> Int {
        self >= 0 ? self / divisor : -((-self + divisor - 1) / divisor)
    }

    fileprivate func floorModulo(_ divisor: Int) -> Int {
        ((self % divisor) + divisor) % divisor
    }
}
