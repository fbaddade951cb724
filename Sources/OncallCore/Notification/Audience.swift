/// Who a step of an escalation chain reaches, resolved to people at the moment it fires.
public enum Audience: Sendable, Hashable {
    /// Whoever the on-call schedules name at that moment (the config's `oncall_engineers` when none do).
    case oncallEngineers
    case projectManagers
    /// 应急小组.
    case emergencyGroup
    /// One person by id.
    case person(String)
}
