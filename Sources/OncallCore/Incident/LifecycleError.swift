/// Why the lifecycle refused a report or a command. Descriptions are shown to users as they are.
public enum LifecycleError: Error, Equatable, CustomStringConvertible {
    /// The command is not allowed in the incident's current state.
    case illegalTransition(IncidentNumber, from: IncidentState, command: String, hint: String)
    /// A field of the report or command is missing or wrong.
    case invalidField(String, reason: String)

    public var description: String {
        switch self {
        case let .illegalTransition(id, from, command, hint):
            "\(id) is \(from.rawValue) and cannot be \(command)" + (hint.isEmpty ? "" : "; \(hint)")
        case let .invalidField(field, reason):
            "\(field): \(reason)"
        }
    }
}
