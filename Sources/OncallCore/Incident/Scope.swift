/// How much of the service a fault affects, as the reporter judges it.
public enum Scope: String, Sendable, Codable, CaseIterable {
    /// The whole application system.
    case all
    /// Most of the application system.
    case most
    /// Part of the network or application: some functions, or some groups of users.
    case part
    /// A few users.
    case few
    /// A single function.
    case single

    /// The level that scope alone implies (SPEC.md level table).
    public var level: Level {
        switch self {
        case .all, .most: .level1
        case .part: .level2
        case .few, .single: .level3
        }
    }
}
