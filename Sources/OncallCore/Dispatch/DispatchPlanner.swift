import Foundation

/// Chooses the field engineer for a dispatch (issue 5, part 2). Pure and deterministic: the
/// same inputs give the same engineer and the same explanation.
///
/// The rule: branches covering the region, most specific coverage first (ties by branch id);
/// within a branch, available engineers least loaded first (ties by person id); then the
/// fallback branch (the policy's, else headquarters) under the uncovered, 48-hour promise.
/// The fallback is used both when no branch covers the region and when covering branches
/// exist but nobody in them is available: promising 1 hour for an engineer sent from another
/// province would be a promise already broken, so the honest deadline is the 48-hour one;
/// `FallbackReason` tells the two cases apart so the caller can tell the PM of a staffing gap.
/// Nobody outside those branches is sent: when the fallback has nobody either, the decision
/// names no engineer and the caller escalates.
public enum DispatchPlanner {
    /// The decision for `request` at `now`. Available means: not excluded (declined), not on an
    /// open dispatch, not on leave, on shift, and with the skill if one is asked for.
    public static func choose(
        _ request: DispatchRequest,
        branches: [BranchOffice],
        engineers: [FieldEngineer],
        workload: EngineerWorkload = EngineerWorkload(),
        policy: DispatchPolicy,
        calendar: WorkingCalendar,
        now: Date
    ) -> DispatchDecision {
        let region = request.region
        let covering = branches
            .compactMap { branch in branch.coverage(of: region).map { (branch: branch, coverage: $0) } }
            .sorted { lhs, rhs in
                lhs.coverage.specificity != rhs.coverage.specificity
                    ? lhs.coverage.specificity > rhs.coverage.specificity
                    : lhs.branch.id < rhs.branch.id
            }
        let coveringIDs = covering.map(\.branch.id)
        let fallbackID = policy.fallbackBranch ?? branches.filter(\.isHeadquarters).map(\.id).min()
        let fallback = branches.first { $0.id == fallbackID }
        let members = Dictionary(grouping: engineers, by: \.branch)
            .mapValues { $0.sorted { $0.person < $1.person } }

        var chosen: (engineer: FieldEngineer, load: Int)?
        var candidates: [CandidateExplanation] = []
        var tried: Set<String> = []

        /// Ranks one branch's engineers and appends their explanations; chooses if nobody has been.
        func tryBranch(_ branch: BranchOffice, because branchReason: CandidateReason) {
            tried.insert(branch.id)
            var available: [(engineer: FieldEngineer, load: Int)] = []
            var unavailable: [CandidateExplanation] = []
            for engineer in members[branch.id] ?? [] {
                let reasons = unavailability(of: engineer, request: request, workload: workload, calendar: calendar, now: now)
                if reasons.isEmpty {
                    available.append((engineer, workload.load(of: engineer.person)))
                } else {
                    unavailable.append(CandidateExplanation(
                        person: engineer.person, branch: branch.id, outcome: .unavailable, reasons: [branchReason] + reasons))
                }
            }
            available.sort { $0.load != $1.load ? $0.load < $1.load : $0.engineer.person < $1.engineer.person }
            let earlier = chosen
            for (index, candidate) in available.enumerated() {
                var reasons: [CandidateReason] = [branchReason, .load(candidate.load, window: policy.loadWindow)]
                let outcome: CandidateOutcome
                if let earlier {
                    reasons.append(.earlierBranchChosen(person: earlier.engineer.person, branch: earlier.engineer.branch))
                    outcome = .standby
                } else if index == 0 {
                    if available.count > 1 {
                        let runnerUp = available[1]
                        reasons.append(runnerUp.load > candidate.load
                            ? .lessLoaded(than: runnerUp.engineer.person, load: runnerUp.load)
                            : .tieWonByID(over: runnerUp.engineer.person))
                    }
                    chosen = candidate
                    outcome = .chosen
                } else {
                    let first = available[0]
                    reasons.append(candidate.load > first.load
                        ? .moreLoaded(than: first.engineer.person, load: first.load)
                        : .tieLostByID(to: first.engineer.person))
                    outcome = .standby
                }
                candidates.append(CandidateExplanation(
                    person: candidate.engineer.person, branch: branch.id, outcome: outcome, reasons: reasons))
            }
            candidates += unavailable
        }

        for (branch, coverage) in covering {
            tryBranch(branch, because: .covers(branch: branch.id, coverage: coverage, region: region))
        }
        let coveredChoice = chosen != nil
        var fallbackReason: FallbackReason?
        if !coveredChoice {
            let reason: FallbackReason = covering.isEmpty
                ? .noCoveringBranch(region) : .coveringBranchesUnavailable(coveringIDs)
            fallbackReason = reason
            if let fallback, !tried.contains(fallback.id) {
                tryBranch(fallback, because: .fallback(branch: fallback.id, because: reason))
            }
        }

        // Everyone else, so `--explain` accounts for every engineer.
        let known = Set(branches.map(\.id))
        for branchID in members.keys.sorted() where !tried.contains(branchID) {
            let reason: CandidateReason
            if !known.contains(branchID) {
                reason = .unknownBranch(branchID)
            } else if branchID == fallback?.id {
                reason = .fallbackNotNeeded(branch: branchID)
            } else {
                reason = .doesNotCover(branch: branchID, region: region)
            }
            for engineer in members[branchID] ?? [] {
                candidates.append(CandidateExplanation(
                    person: engineer.person, branch: branchID, outcome: .notConsidered, reasons: [reason]))
            }
        }

        let sla: DispatchSLAKind = coveredChoice ? .covered : .uncovered
        return DispatchDecision(
            request: request, engineer: chosen?.engineer.person, branch: chosen?.engineer.branch, slaKind: sla,
            arriveBy: request.requestedAt.adding(policy.arrivalWithin(sla)), coveringBranches: coveringIDs,
            fallbackReason: fallbackReason, fallbackBranch: fallback?.id, candidates: candidates, decidedAt: now)
    }

    /// Every reason `engineer` cannot go now; empty when available.
    static func unavailability(
        of engineer: FieldEngineer, request: DispatchRequest, workload: EngineerWorkload,
        calendar: WorkingCalendar, now: Date
    ) -> [CandidateReason] {
        var reasons: [CandidateReason] = []
        if request.excluding.contains(engineer.person) { reasons.append(.declined) }
        if let incident = workload.openDispatches[engineer.person] { reasons.append(.onOpenDispatch(incident)) }
        if let until = engineer.onLeave(at: now, calendar: calendar) { reasons.append(.onLeave(until: until)) }
        if !engineer.onShift(at: now, calendar: calendar) { reasons.append(.offShift(engineer.shift)) }
        if let skill = request.skill, !engineer.hasSkill(skill) { reasons.append(.lacksSkill(skill)) }
        return reasons
    }
}
