/// Why the people on call for a schedule change at a hand-off.
public enum HandoffReason: Sendable, Hashable, CustomStringConvertible {
    /// The rotation with this id passed to its next engineer (or began).
    case rotation(String)
    /// Working hours began, so a working-hours layer took over from an out-of-hours one.
    case workingHoursStart
    /// Working hours ended (evening, lunch break, or the start of a rest day or holiday).
    case workingHoursEnd
    /// An override began.
    case overrideStart
    /// An override ended and the layers (or another override) apply again.
    case overrideEnd

    /// A short English phrase for listings, e.g. "rotation primary.layers[0]".
    public var description: String {
        switch self {
        case let .rotation(id): return "rotation \(id)"
        case .workingHoursStart: return "working hours start"
        case .workingHoursEnd: return "working hours end"
        case .overrideStart: return "override starts"
        case .overrideEnd: return "override ends"
        }
    }
}
