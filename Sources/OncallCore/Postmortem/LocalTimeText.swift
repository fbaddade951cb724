import Foundation

/// Instants as people in one zone read them: `2026-11-09 09:00 +08:00`.
///
/// The UTC offset rather than a zone name, so the text means the same on a host without tzdata
/// and to a reader in another zone.
struct LocalTimeText: Sendable {
    private let zoned: ZonedCalendar

    init(timeZone: TimeZone) {
        zoned = ZonedCalendar(timeZone: timeZone)
    }

    func text(_ instant: Date) -> String {
        let parts = zoned.calendar.dateComponents([.hour, .minute], from: instant)
        let clock = "\(LocalDate.pad(parts.hour ?? 0, 2)):\(LocalDate.pad(parts.minute ?? 0, 2))"
        return "\(zoned.localDate(of: instant)) \(clock) \(offset(at: instant))"
    }

    /// The text, or a dash for something that has not happened.
    func text(_ instant: Date?) -> String {
        instant.map(text) ?? "—"
    }

    private func offset(at instant: Date) -> String {
        let seconds = zoned.timeZone.secondsFromGMT(for: instant)
        let minutes = abs(seconds) / 60
        return (seconds < 0 ? "-" : "+") + LocalDate.pad(minutes / 60, 2) + ":" + LocalDate.pad(minutes % 60, 2)
    }
}
