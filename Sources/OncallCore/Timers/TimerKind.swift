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
    /// A field visit's deadlines: the engineer accepts, arrives, the customer is called back, the repair is done.
    case dispatchAccept = "dispatch_accept"
    case dispatchArrival = "dispatch_arrival"
    case dispatchCallback = "dispatch_callback"
    case dispatchRepair = "dispatch_repair"
    /// A missed visit deadline still missed `dispatch.emergency_after_breach` later goes to the emergency group.
    case dispatchBreachEscalation = "dispatch_breach_escalation"
    /// Remind the owner of a fault report not yet submitted (`postmortem.remind_after` working days after resolution).
    case postmortemReminder = "postmortem_reminder"
    /// Page an incident held by a maintenance window as if new, when the window ends.
    case maintenanceRelease = "maintenance_release"

    /// The timer of a visit deadline.
    public static func dispatch(_ kind: DispatchDeadlineKind) -> TimerKind {
        switch kind {
        case .accept: .dispatchAccept
        case .arrival: .dispatchArrival
        case .callback: .dispatchCallback
        case .repair: .dispatchRepair
        }
    }

    /// The visit deadline this timer watches, if it is one.
    public var dispatchDeadline: DispatchDeadlineKind? {
        switch self {
        case .dispatchAccept: .accept
        case .dispatchArrival: .arrival
        case .dispatchCallback: .callback
        case .dispatchRepair: .repair
        default: nil
        }
    }
}
