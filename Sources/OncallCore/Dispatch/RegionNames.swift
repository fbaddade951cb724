/// Region names that stand for codes: the 34 provincial-level divisions built in (full and
/// short Chinese names, pinyin, common English names) plus any the configuration adds (e.g.
/// `广州: 4401`, `浦东新区: 310115`).
///
/// Matching ignores case, spaces, hyphens, apostrophes and underscores, so `Inner Mongolia`,
/// `inner-mongolia` and `INNERMONGOLIA` are one name.
public struct RegionNames: Sendable, Equatable {
    /// Only the built-in provincial names.
    public static let builtIn = RegionNames()

    /// The names the configuration added, as written.
    public let extra: [String: RegionCode]
    /// Normalised name → code: built-in names, overridden by `extra` (the config refuses an
    /// extra name that contradicts a built-in one, so in practice nothing is overridden).
    private let table: [String: RegionCode]

    /// The built-in names plus `extra`.
    public init(extra: [String: RegionCode] = [:]) {
        var table = RegionNames.builtInTable
        for (name, code) in extra { table[RegionNames.normalized(name)] = code }
        self.extra = extra
        self.table = table
    }

    /// The code a name stands for, or nil for an unknown name.
    public func code(named name: String) -> RegionCode? {
        table[RegionNames.normalized(name)]
    }

    /// A code as written (`31`, `440100`) or a name (`上海`, `Xinjiang`); nil if it is neither.
    public func resolve(_ text: String) -> RegionCode? {
        RegionCode(text) ?? code(named: text)
    }

    /// The official name of a province, or the first (in sorted order) configured name that
    /// stands exactly for `code`; nil if it has none. For explanations ("31 上海市").
    public func name(of code: RegionCode) -> String? {
        if code.level == .province, let name = Provinces.fullNames[code.digits] { return name }
        return extra.filter { $0.value == code }.keys.sorted().first
    }

    /// Every name known, as written in the table (for "did you mean" hints).
    public var knownNames: [String] {
        let builtIn = Provinces.all.flatMap { [$0.fullName] + $0.otherNames }
        return (builtIn + extra.keys.sorted())
    }

    /// `name` as the table keys it: lower-cased, without spaces, hyphens, apostrophes or underscores.
    public static func normalized(_ name: String) -> String {
        String(name.lowercased().filter { !$0.isWhitespace && !"-'’_".contains($0) })
    }

    private static let builtInTable: [String: RegionCode] = {
        var table: [String: RegionCode] = [:]
        for entry in Provinces.all {
            guard let code = RegionCode(entry.code) else { preconditionFailure("built-in code \(entry.code) is valid") }
            for name in [entry.fullName] + entry.otherNames { table[normalized(name)] = code }
        }
        return table
    }()

    /// Equal when the configured names are; the built-in table is the same for every value.
    public static func == (lhs: RegionNames, rhs: RegionNames) -> Bool { lhs.extra == rhs.extra }
}
