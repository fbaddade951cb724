extension LocalDate {
    /// The first day of this date's month.
    var firstOfMonth: LocalDate { LocalDate(unchecked: year, month, 1) }

    /// The first day of the month after this date's.
    var firstOfNextMonth: LocalDate {
        month == 12 ? LocalDate(unchecked: year + 1, 1, 1) : LocalDate(unchecked: year, month + 1, 1)
    }

    /// The first day of the month before this date's.
    var firstOfPreviousMonth: LocalDate {
        month == 1 ? LocalDate(unchecked: year - 1, 12, 1) : LocalDate(unchecked: year, month - 1, 1)
    }
}
