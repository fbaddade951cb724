/// How often a rotation passes to the next engineer.
public enum HandoffCadence: Sendable, Hashable, CustomStringConvertible {
    /// Every day at the hand-off time.
    case daily
    /// Once a week, on this day at the hand-off time.
    case weekly(Weekday)

    /// "daily" or "weekly on monday", for logs and listings.
    public var description: String {
        switch self {
        case .daily: return "daily"
        case let .weekly(day): return "weekly on \(day)"
        }
    }
}
