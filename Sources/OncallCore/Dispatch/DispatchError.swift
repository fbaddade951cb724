/// Why a dispatch or a visit step was refused. Descriptions are shown to users as they are.
public enum DispatchError: Error, Equatable, CustomStringConvertible {
    /// The step is not allowed in the visit's current state.
    case illegalStep(IncidentNumber, attempt: Int, from: VisitState, step: String, hint: String)
    /// A field of the step is missing or wrong.
    case invalidField(String, reason: String)
    /// A region code or name could not be read.
    case invalidRegion(String, reason: String)
    /// A visit was to be made from a decision that chose nobody.
    case noEngineerChosen(RegionCode)

    /// E.g. `INC-000123 visit 1 is accepted and cannot be declined; cancel it to re-assign`.
    public var description: String {
        switch self {
        case let .illegalStep(incident, attempt, from, step, hint):
            "\(incident) visit \(attempt) is \(from.rawValue) and cannot be \(step)" + (hint.isEmpty ? "" : "; \(hint)")
        case let .invalidField(field, reason):
            "\(field): \(reason)"
        case let .invalidRegion(text, reason):
            "'\(text)' is not a region: \(reason)"
        case let .noEngineerChosen(region):
            "nobody is available to send to \(region)"
        }
    }
}
