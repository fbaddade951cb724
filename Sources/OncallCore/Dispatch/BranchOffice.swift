/// A branch office (分公司/办事处) whose field engineers serve the regions it covers.
public struct BranchOffice: Sendable, Equatable, Identifiable {
    /// Stable id used by engineers and reports (e.g. `sh`, `bj-hq`).
    public var id: String
    /// Display name (e.g. `上海分公司`).
    public var name: String
    /// The regions it covers; each covers every code beneath it.
    public var regions: [RegionCode]
    /// Whether this is headquarters, the fallback when no branch covers a region (unless the
    /// policy names another fallback branch).
    public var isHeadquarters: Bool

    /// A branch; `regions` may be empty for a headquarters that only serves as the fallback.
    public init(id: String, name: String, regions: [RegionCode], isHeadquarters: Bool = false) {
        self.id = id
        self.name = name
        self.regions = regions
        self.isHeadquarters = isHeadquarters
    }

    /// The most specific of this branch's regions that covers `region`, or nil if none does.
    public func coverage(of region: RegionCode) -> RegionCode? {
        // Ties cannot happen between distinct codes of equal length that both prefix one code.
        regions.filter { $0.covers(region) }.max { $0.specificity < $1.specificity }
    }
}
