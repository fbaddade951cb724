/// What a durable timer does when it comes due.
public enum TimerKind: String, Sendable, Codable, CaseIterable {
    /// Hand an unresolved incident to the emergency group.
    case emergencyEscalation = "emergency_escalation"
    /// Raise an ongoing outage to level 2 once it has lasted `levels.level2_after`.
    case relevelLevel2 = "relevel_level2"
    /// Raise an ongoing outage to level 1 once it has lasted `levels.level1_after`.
    case relevelLevel1 = "relevel_level1"
    /// Re-send the report to the people at report while nobody has acknowledged it.
    case reminder
}
