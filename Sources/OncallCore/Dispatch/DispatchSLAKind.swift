/// Which arrival promise a dispatch is held to.
public enum DispatchSLAKind: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// A branch covering the region sends the engineer: arrive within 1 hour.
    case covered
    /// The fallback branch sends the engineer, or nobody can be sent: arrive within 48 hours.
    case uncovered

    /// `covered` or `uncovered`.
    public var description: String { rawValue }
}
