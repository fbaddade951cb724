/// Something a person asks of an incident.
public enum IncidentCommand: Sendable, Equatable {
    /// Take the incident. Does not stop the escalation timer.
    case acknowledge
    /// Hand it to the emergency group now.
    case escalate(reason: String)
    /// The fault is fixed; stops every timer and ends an ongoing outage.
    case resolve(summary: String)
    /// Nothing more to do (after resolution).
    case close
    /// Append a note to the timeline.
    case addNote(String)

    /// The verb used in error messages.
    public var verb: String {
        switch self {
        case .acknowledge: "acknowledged"
        case .escalate: "escalated"
        case .resolve: "resolved"
        case .close: "closed"
        case .addNote: "annotated"
        }
    }
}
