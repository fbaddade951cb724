/// How deep a GB/T 2260 administrative division code reaches: province, city or county.
public enum RegionLevel: Int, Sendable, Comparable, CaseIterable, CustomStringConvertible {
    /// 省级 — two digits, e.g. `31` (Shanghai), `65` (Xinjiang).
    case province = 2
    /// 地级 — four digits, e.g. `4401` (Guangzhou).
    case city = 4
    /// 县级 — six digits, e.g. `440106` (Tianhe district).
    case county = 6

    /// Less specific first: province < city < county.
    public static func < (lhs: RegionLevel, rhs: RegionLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    /// `province`, `city` or `county`, as explanations print it.
    public var description: String {
        switch self {
        case .province: "province"
        case .city: "city"
        case .county: "county"
        }
    }
}
