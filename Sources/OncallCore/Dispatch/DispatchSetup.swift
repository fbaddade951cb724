/// Everything dispatch decisions need from configuration, in one value.
public struct DispatchSetup: Sendable {
    public var branches: [BranchOffice]
    public var engineers: [FieldEngineer]
    public var sites: [CustomerSite]
    public var policy: DispatchPolicy
    public var regionNames: RegionNames
    public var calendar: WorkingCalendar

    public init(
        branches: [BranchOffice], engineers: [FieldEngineer], sites: [CustomerSite], policy: DispatchPolicy,
        regionNames: RegionNames, calendar: WorkingCalendar
    ) {
        self.branches = branches
        self.engineers = engineers
        self.sites = sites
        self.policy = policy
        self.regionNames = regionNames
        self.calendar = calendar
    }

    public func site(_ id: String) -> CustomerSite? { sites.first { $0.id == id } }
}
