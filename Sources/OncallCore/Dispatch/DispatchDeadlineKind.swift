/// Which promise a dispatch deadline stands for.
public enum DispatchDeadlineKind: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// The engineer accepts within `acceptWithin` of the dispatch; a breach goes to the PM,
    /// then the emergency group, and the visit may be re-assigned.
    case accept
    /// The engineer is on site by `arriveBy` (1 h covered, 48 h uncovered); escalated the same way.
    case arrival
    /// In warranty: the customer is phoned within 4 working hours of asking for on-site service.
    case callback
    /// Out of warranty: the repair is done within 3–7 working days of the customer's confirmation.
    case repair

    /// The raw value, e.g. `callback`.
    public var description: String { rawValue }
}
