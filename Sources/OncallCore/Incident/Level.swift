/// How severe a fault is (SPEC.md "Fault levels"); level 1 is the most severe.
public enum Level: Int, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// 特别严重 — the whole or most of the application system is affected, or an outage over 60 minutes.
    case level1 = 1
    /// 严重 — part of the network or application is affected, or an outage over 20 minutes.
    case level2 = 2
    /// Minor — a few users or a single function, and a short outage.
    case level3 = 3

    /// The more severe of two levels.
    public static func mostSevere(_ a: Level, _ b: Level) -> Level {
        a.rawValue <= b.rawValue ? a : b
    }

    /// Whether `self` is more severe than `other`.
    public func isMoreSevere(than other: Level) -> Bool { rawValue < other.rawValue }

    public var description: String { "L\(rawValue)" }
}
