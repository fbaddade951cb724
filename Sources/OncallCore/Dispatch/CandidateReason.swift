/// One reason in an engineer's explanation; `description` is the line `--explain` prints.
public enum CandidateReason: Sendable, Equatable, CustomStringConvertible {
    // MARK: The engineer's branch

    /// The branch covers the region through `coverage` (the most specific of its regions that does).
    case covers(branch: String, coverage: RegionCode, region: RegionCode)
    /// The branch is the fallback and was tried, for this reason.
    case fallback(branch: String, because: FallbackReason)
    /// The branch is the fallback but a covering branch had someone.
    case fallbackNotNeeded(branch: String)
    /// The branch neither covers the region nor is the fallback.
    case doesNotCover(branch: String, region: RegionCode)
    /// The engineer's branch is not among the branches given.
    case unknownBranch(String)

    // MARK: Why not available

    /// The engineer declined (or was taken off) an earlier visit for this incident.
    case declined
    /// The engineer is on an open visit for this incident.
    case onOpenDispatch(IncidentNumber)
    /// On leave; back after this day.
    case onLeave(until: LocalDate)
    /// Not on shift now.
    case offShift(EngineerShift)
    /// Lacks the skill the fault needs.
    case lacksSkill(String)

    // MARK: Order among the available

    /// The engineer's load: dispatches within the policy's load window.
    case load(Int, window: Duration)
    /// Chosen over `than`, who had more load.
    case lessLoaded(than: String, load: Int)
    /// Chosen over `than`, with the same load, because the person id sorts first.
    case tieWonByID(over: String)
    /// Not chosen: `than` had less load.
    case moreLoaded(than: String, load: Int)
    /// Not chosen: `than` had the same load and an id that sorts first.
    case tieLostByID(to: String)
    /// Not chosen: `person` of a branch earlier in the order was chosen.
    case earlierBranchChosen(person: String, branch: String)

    /// E.g. `branch sh covers 31 (province), which includes 310115`, `on leave until 2026-12-03`.
    public var description: String {
        switch self {
        case let .covers(branch, coverage, region):
            let within = coverage == region ? "" : ", which includes \(region)"
            return "branch \(branch) covers \(coverage) (\(coverage.level))\(within)"
        case let .fallback(branch, because):
            return "branch \(branch) is the fallback: \(because)"
        case let .fallbackNotNeeded(branch):
            return "branch \(branch) is the fallback, not needed: a covering branch had someone"
        case let .doesNotCover(branch, region):
            return "branch \(branch) does not cover \(region) and is not the fallback"
        case let .unknownBranch(branch):
            return "branch \(branch) is not defined"
        case .declined:
            return "declined this dispatch"
        case let .onOpenDispatch(incident):
            return "on an open dispatch \(incident)"
        case let .onLeave(until):
            return "on leave until \(until)"
        case let .offShift(shift):
            return "off shift (\(shift))"
        case let .lacksSkill(skill):
            return "lacks skill '\(skill)'"
        case let .load(count, window):
            return "\(count) dispatch\(count == 1 ? "" : "es") in the last \(CandidateReason.windowText(window))"
        case let .lessLoaded(than, load):
            return "less loaded than \(than) (\(load))"
        case let .tieWonByID(over):
            return "same load as \(over); the earlier id goes first"
        case let .moreLoaded(than, load):
            return "more loaded than \(than) (\(load))"
        case let .tieLostByID(to):
            return "same load as \(to), whose id goes first"
        case let .earlierBranchChosen(person, branch):
            return "\(person) of branch \(branch), earlier in the order, was chosen"
        }
    }

    /// `30 days` rather than `720h` when the window is whole days.
    static func windowText(_ window: Duration) -> String {
        let seconds = window.components.seconds
        guard seconds > 0, seconds % 86_400 == 0 else { return window.compact }
        let days = seconds / 86_400
        return days == 1 ? "day" : "\(days) days"
    }
}
