extension WorkingCalendar {
    /// The working day `days` working days before `day` (0: `day` itself if worked, else the working day before it).
    /// "Told at least 1 working day before the promised date" counts back from the promised date.
    public func workingDay(_ days: Int, before day: LocalDate) -> LocalDate {
        var candidate = isWorkingDay(day) ? day : previousWorkingDay(before: day)
        for _ in 0..<max(0, days) { candidate = previousWorkingDay(before: candidate) }
        return candidate
    }

    /// The last working day strictly before `day`.
    func previousWorkingDay(before day: LocalDate) -> LocalDate {
        var candidate = day.adding(days: -1)
        // Terminates for the same reason as `nextWorkingDay`: some weekday is worked.
        while !isWorkingDay(candidate) { candidate = candidate.adding(days: -1) }
        return candidate
    }
}
