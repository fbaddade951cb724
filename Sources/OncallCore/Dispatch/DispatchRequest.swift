import Foundation

/// What needs an engineer: where, with which skill, since when, and who may not be sent.
public struct DispatchRequest: Sendable, Equatable {
    /// Where the engineer must go.
    public var region: RegionCode
    /// The customer site, when one was named; it decides the warranty promises.
    public var site: CustomerSite?
    /// The skill the fault needs (e.g. `network`); nil when any engineer will do.
    public var skill: String?
    /// When the customer asked for on-site service. The arrival and call-back deadlines count
    /// from here, so a re-dispatch after a decline keeps the original promise instead of
    /// starting a fresh hour.
    public var requestedAt: Date
    /// Person ids who may not be chosen: those who declined (or were taken off) this incident's
    /// earlier visits.
    public var excluding: Set<String>

    /// A request for a region; `site` nil means a dispatch by region only (warranty unknown).
    public init(region: RegionCode, site: CustomerSite? = nil, skill: String? = nil, requestedAt: Date, excluding: Set<String> = []) {
        self.region = region
        self.site = site
        self.skill = skill
        self.requestedAt = requestedAt
        self.excluding = excluding
    }

    /// A request for a site, at the site's region.
    public init(site: CustomerSite, skill: String? = nil, requestedAt: Date, excluding: Set<String> = []) {
        self.init(region: site.region, site: site, skill: skill, requestedAt: requestedAt, excluding: excluding)
    }
}
