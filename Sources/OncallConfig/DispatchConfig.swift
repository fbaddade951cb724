import OncallCore

/// Field dispatch (`dispatch.*`): branch offices and the regions they cover, field engineers,
/// customer sites, extra region names and the dispatch promises.
public struct DispatchConfig: Sendable, Equatable {
    /// Arrival, accept, call-back and repair promises, the load window and the fallback branch.
    public var policy = DispatchPolicy()
    /// The headquarters branch id (`dispatch.headquarters`); its branch has `isHeadquarters` set.
    public var headquarters: String?
    /// Branch offices in file order (`dispatch.branches`).
    public var branches: [BranchOffice] = []
    /// Field engineers in file order (`dispatch.engineers`); each person is in one branch.
    public var engineers: [FieldEngineer] = []
    /// Customer sites in file order (`dispatch.sites`).
    public var sites: [CustomerSite] = []
    /// The built-in province names plus `dispatch.region_names`, for `--region NAME` too.
    public var regionNames = RegionNames.builtIn

    /// No branches, engineers or sites, and the default promises.
    public init() {}

    /// Whether any branch is defined (without one nobody can be dispatched).
    public var isConfigured: Bool { !branches.isEmpty }

    /// The branch with this id.
    public func branch(_ id: String) -> BranchOffice? { branches.first { $0.id == id } }

    /// The field engineer who is this person.
    public func engineer(_ person: String) -> FieldEngineer? { engineers.first { $0.person == person } }

    /// The customer site with this id.
    public func site(_ id: String) -> CustomerSite? { sites.first { $0.id == id } }

    /// A region code (`31`, `440100`) or a known name (`上海`, a configured `广州`).
    public func region(_ text: String) -> RegionCode? { regionNames.resolve(text) }
}
