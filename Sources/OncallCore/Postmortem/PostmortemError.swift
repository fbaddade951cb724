/// Why a fault-report action was refused.
public enum PostmortemError: Error, Equatable, CustomStringConvertible {
    /// The incident has no report (it is not resolved yet).
    case noReport(IncidentNumber)
    /// The caller may not do this; the text says who may.
    case forbidden(String)
    /// The report is not in a state that allows it; the text says why.
    case wrongState(IncidentNumber, Postmortem.State, String)
    /// Submitting needs every section written.
    case incomplete([PostmortemSection])
    /// An edited document could not be read; the text says where.
    case invalidDocument(String)
    /// Someone saved the report after the editor opened it; saving would overwrite their text.
    case editConflict(IncidentNumber)

    public var description: String {
        switch self {
        case let .noReport(id): "incident \(id) has no fault report: one is drafted when it is resolved"
        case let .forbidden(why): why
        case let .wrongState(id, state, why): "the report of \(id) is \(state.rawValue): \(why)"
        case let .incomplete(sections):
            "the report is not complete: write " + sections.map(\.bilingualName).joined(separator: ", ")
        case let .invalidDocument(why): "the edited report cannot be read: \(why)"
        case let .editConflict(id):
            "the report of \(id) was changed by someone else after you opened it; open it again and redo your changes"
        }
    }
}
