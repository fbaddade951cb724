/// An ISO 8601 week: Monday to Sunday, numbered within the year that holds its Thursday.
struct ISOWeek: Hashable, Sendable, CustomStringConvertible {
    /// The week-numbering year, which differs from the calendar year around New Year.
    let year: Int
    /// 1...53.
    let week: Int
    let monday: LocalDate

    init(containing day: LocalDate) {
        // Weekday numbers Sunday as 1, so Monday (2) is 0 days into the week and Sunday 6.
        monday = day.adding(days: -((day.weekday.rawValue + 5) % 7))
        let thursday = monday.adding(days: 3)
        year = thursday.year
        week = (thursday.daysSinceEpoch - LocalDate(unchecked: thursday.year, 1, 1).daysSinceEpoch) / 7 + 1
    }

    /// `2026-W48`.
    var description: String { "\(LocalDate.pad(year, 4))-W\(LocalDate.pad(week, 2))" }
}
