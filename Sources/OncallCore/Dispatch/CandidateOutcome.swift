/// What became of one engineer in a dispatch decision.
public enum CandidateOutcome: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Sent.
    case chosen
    /// Available, but someone ahead in the order was chosen.
    case standby
    /// In a branch that was tried, but not available.
    case unavailable
    /// In a branch that was not tried (it does not cover the region, or is the fallback and
    /// was not needed).
    case notConsidered = "not_considered"

    /// The raw value, e.g. `not_considered`.
    public var description: String { rawValue }
}
