import Foundation

extension Duration {
    /// The duration in seconds, as Foundation's `TimeInterval`.
    public var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }

    /// A duration from a `TimeInterval` (Foundation dates subtract to one).
    public static func interval(_ seconds: TimeInterval) -> Duration {
        .milliseconds(Int64((seconds * 1000).rounded()))
    }

    /// Compact form as the config writes it: `10m`, `1h30m`, `45s`, `0s`.
    public var compact: String {
        var total = Int64(timeInterval.rounded())
        if total <= 0 { return "0s" }
        var text = ""
        let hours = total / 3600
        total %= 3600
        let minutes = total / 60
        let seconds = total % 60
        if hours > 0 { text += "\(hours)h" }
        if minutes > 0 { text += "\(minutes)m" }
        if seconds > 0 { text += "\(seconds)s" }
        return text
    }
}

extension Date {
    /// This instant moved by `duration`.
    public func adding(_ duration: Duration) -> Date {
        addingTimeInterval(duration.timeInterval)
    }
}
