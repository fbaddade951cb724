/// The rules the incident lifecycle needs from configuration, gathered in one value.
public struct IncidentPolicy: Sendable, Equatable {
    public var thresholds: LevelThresholds
    public var escalation: EscalationPolicy

    public init(thresholds: LevelThresholds = .init(), escalation: EscalationPolicy = .init()) {
        self.thresholds = thresholds
        self.escalation = escalation
    }
}
