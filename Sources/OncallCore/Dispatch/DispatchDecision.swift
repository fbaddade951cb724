import Foundation

/// Whom to send, by when they must arrive, and why — the planner's answer to a `DispatchRequest`.
public struct DispatchDecision: Sendable, Equatable {
    /// What was asked.
    public var request: DispatchRequest
    /// The person id chosen; nil when nobody is available anywhere the rule allows.
    public var engineer: String?
    /// The chosen engineer's branch id; nil with `engineer`.
    public var branch: String?
    /// The arrival promise: covered (a covering branch sends someone) or uncovered.
    public var slaKind: DispatchSLAKind
    /// `request.requestedAt` plus the promise's arrival time. Set even when nobody was chosen,
    /// since the promise to the customer stands and its breach must still be reported.
    public var arriveBy: Date
    /// Ids of the branches covering the region, in the order they were tried.
    public var coveringBranches: [String]
    /// Why the fallback path was taken; nil when a covering branch sent someone.
    public var fallbackReason: FallbackReason?
    /// The fallback branch id (the policy's, else headquarters), whether or not it was needed;
    /// nil when neither names a defined branch.
    public var fallbackBranch: String?
    /// Every engineer, in the order considered: covering branches (most specific coverage
    /// first, ties by branch id), the fallback, then branches not tried.
    public var candidates: [CandidateExplanation]
    /// When the decision was made.
    public var decidedAt: Date

    /// A decision, as the planner builds it.
    public init(
        request: DispatchRequest, engineer: String?, branch: String?, slaKind: DispatchSLAKind, arriveBy: Date,
        coveringBranches: [String], fallbackReason: FallbackReason?, fallbackBranch: String?,
        candidates: [CandidateExplanation], decidedAt: Date
    ) {
        self.request = request
        self.engineer = engineer
        self.branch = branch
        self.slaKind = slaKind
        self.arriveBy = arriveBy
        self.coveringBranches = coveringBranches
        self.fallbackReason = fallbackReason
        self.fallbackBranch = fallbackBranch
        self.candidates = candidates
        self.decidedAt = decidedAt
    }

    /// The explanation of the chosen engineer, if any.
    public var chosen: CandidateExplanation? { candidates.first { $0.outcome == .chosen } }

    /// One sentence: who goes and under which promise, or why nobody can.
    ///
    /// E.g. `zhao.lei of branch sh: branch sh covers 31 (province), which includes 310115; arrive within 1h`,
    /// `zhou.qiang of fallback branch bj-hq: no branch covers 650102; arrive within 48h`.
    public var summary: String {
        // The promise as decided, so the text cannot disagree with `arriveBy`.
        let within = "arrive within \(Duration.interval(arriveBy.timeIntervalSince(request.requestedAt)).compact)"
        guard let engineer, let branch else {
            var why = fallbackReason?.description ?? "nobody is available"
            if let fallbackBranch {
                why += coveringBranches.contains(fallbackBranch)
                    ? " (the fallback branch \(fallbackBranch) is one of them)"
                    : ", and fallback branch \(fallbackBranch) has nobody available"
            } else {
                why += ", and no fallback branch is defined"
            }
            return "nobody can be sent: \(why); the promise is still to \(within)"
        }
        if let fallbackReason {
            return "\(engineer) of fallback branch \(branch): \(fallbackReason); \(within)"
        }
        let coverage = chosen?.reasons.first.map(\.description) ?? "branch \(branch) covers \(request.region)"
        return "\(engineer) of branch \(branch): \(coverage); \(within)"
    }

    /// The summary, then one line per engineer: what `--explain` prints.
    public var explanation: [String] { [summary] + candidates.map(\.description) }
}
