/// When an unresolved incident goes to the emergency group (`escalation.*` in the config).
public struct EscalationPolicy: Sendable, Equatable {
    /// Delay from the report to the emergency escalation (default 10 minutes).
    public var emergencyAfter: Duration
    /// Per-level overrides of `emergencyAfter`; `.level1: .zero` pages the emergency group at once.
    public var emergencyAfterByLevel: [Level: Duration]

    public init(emergencyAfter: Duration = .seconds(600), emergencyAfterByLevel: [Level: Duration] = [:]) {
        self.emergencyAfter = emergencyAfter
        self.emergencyAfterByLevel = emergencyAfterByLevel
    }

    /// The escalation delay that applies to an incident at `level`.
    public func delay(for level: Level) -> Duration {
        emergencyAfterByLevel[level] ?? emergencyAfter
    }
}
