/// Why a dispatch went to the fallback branch with the longer arrival deadline.
public enum FallbackReason: Sendable, Equatable, CustomStringConvertible {
    /// No branch covers the region.
    case noCoveringBranch(RegionCode)
    /// Branches cover the region (these ids, in the order tried) but none had anyone available.
    /// Reported apart from `noCoveringBranch` so that a staffing gap can be told from a
    /// coverage gap, and so the caller can tell the PM at once.
    case coveringBranchesUnavailable([String])

    /// E.g. `no branch covers 650102`, `nobody is available in the covering branches (sh)`.
    public var description: String {
        switch self {
        case let .noCoveringBranch(region): "no branch covers \(region)"
        case let .coveringBranchesUnavailable(ids): "nobody is available in the covering branches (\(ids.joined(separator: ", ")))"
        }
    }
}
