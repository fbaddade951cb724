import Foundation

/// How times, durations and shares read on the pages.
struct DisplayFormat: Sendable {
    let timeZone: TimeZone

    /// `2026-11-25 08:05` in the configured zone.
    func dateTime(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0)
    }

    func dateTime(_ date: Date?) -> String? { date.map { dateTime($0) } }

    /// `45s`, `12m`, `3h 05m`, `2d 4h`: precise enough to compare response times at a glance.
    static func duration(_ seconds: TimeInterval) -> String {
        let total = max(0, Int(seconds.rounded()))
        let days = total / 86_400, hours = total % 86_400 / 3_600, minutes = total % 3_600 / 60, rest = total % 60
        if days > 0 { return "\(days)d \(hours)h" }
        if hours > 0 { return String(format: "%dh %02dm", hours, minutes) }
        if minutes > 0 { return rest == 0 ? "\(minutes)m" : String(format: "%dm %02ds", minutes, rest) }
        return "\(rest)s"
    }

    static func duration(_ duration: Duration?) -> String {
        duration.map { Self.duration($0.timeInterval) } ?? "–"
    }

    /// `67%`.
    static func percent(_ share: Double) -> String {
        "\(Int((share * 100).rounded()))%"
    }

    var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }
}
