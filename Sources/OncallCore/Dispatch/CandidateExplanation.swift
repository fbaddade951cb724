/// One engineer's part in a dispatch decision: what became of them and why.
public struct CandidateExplanation: Sendable, Equatable, CustomStringConvertible {
    /// The person id.
    public var person: String
    /// The engineer's branch id.
    public var branch: String
    /// Chosen, standby, unavailable or not considered.
    public var outcome: CandidateOutcome
    /// The branch reason first, then every reason the engineer is unavailable (all of them,
    /// not just the first), then how they ranked among the available.
    public var reasons: [CandidateReason]

    /// An explanation.
    public init(person: String, branch: String, outcome: CandidateOutcome, reasons: [CandidateReason]) {
        self.person = person
        self.branch = branch
        self.outcome = outcome
        self.reasons = reasons
    }

    /// E.g. `zhao.lei (sh): chosen — branch sh covers 31 (province); 0 dispatches in the last 30 days`.
    public var description: String {
        "\(person) (\(branch)): \(outcome) — " + reasons.map(\.description).joined(separator: "; ")
    }
}
