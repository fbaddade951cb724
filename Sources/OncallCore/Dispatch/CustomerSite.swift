/// A customer's site that engineers can be sent to.
public struct CustomerSite: Sendable, Equatable, Identifiable {
    /// Stable id used on the command line (e.g. `SH-WH-01`).
    public var id: String
    /// Display name (e.g. `上海仓储中心`).
    public var name: String
    /// Street address, for the engineer.
    public var address: String
    /// Where it is; decides which branch covers it.
    public var region: RegionCode
    /// The last day of the warranty; nil for a site with no warranty at all.
    public var warrantyEnds: LocalDate?

    /// A site; `warrantyEnds` nil means it has no warranty.
    public init(id: String, name: String, address: String = "", region: RegionCode, warrantyEnds: LocalDate? = nil) {
        self.id = id
        self.name = name
        self.address = address
        self.region = region
        self.warrantyEnds = warrantyEnds
    }

    /// The warranty on `day` (the warranty covers its last day).
    public func warranty(on day: LocalDate) -> WarrantyStatus {
        guard let ends = warrantyEnds else { return .outOfWarranty(endedOn: nil) }
        return day <= ends ? .inWarranty(until: ends) : .outOfWarranty(endedOn: ends)
    }
}
