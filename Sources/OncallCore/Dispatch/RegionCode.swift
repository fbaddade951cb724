/// A GB/T 2260 administrative division code, trimmed to the level it names: `31` (Shanghai,
/// a province), `4401` (Guangzhou, a city), `440106` (Tianhe, a county-level district).
///
/// A code covers every code that starts with it, so a branch covering `44` covers `4401` and
/// `440106`; the longer of two covering codes is the more specific.
public struct RegionCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The digits, 2, 4 or 6 of them, never ending in a `00` pair.
    public let digits: String

    /// Parses 2, 4 or 6 ASCII digits; nil when `init(validating:)` would throw.
    public init?(_ text: String) {
        guard let code = try? RegionCode(validating: text) else { return nil }
        self = code
    }

    /// Parses a code, saying what is wrong with a bad one.
    ///
    /// The official six-digit form is accepted too: trailing `00` pairs mean "the whole of the
    /// level above", so `310000` is read as `31` and `440100` as `4401` — otherwise a branch
    /// covering `310000` would cover nothing but itself. The first two digits must be one of
    /// the 34 provincial-level divisions.
    public init(validating text: String) throws(DispatchError) {
        let trimmed = CalendarText.trimmed(text)
        guard !trimmed.isEmpty, trimmed.allSatisfy(CalendarText.isASCIIDigit) else {
            throw .invalidRegion(String(trimmed), reason: "a region code is 2, 4 or 6 digits (e.g. 31, 4401, 440106)")
        }
        guard [2, 4, 6].contains(trimmed.count) else {
            throw .invalidRegion(
                String(trimmed), reason: "has \(trimmed.count) digits; a region code has 2 (province), 4 (city) or 6 (county)")
        }
        var digits = String(trimmed)
        while digits.count > 2, digits.hasSuffix("00") { digits.removeLast(2) }
        guard Provinces.codes.contains(String(digits.prefix(2))) else {
            throw .invalidRegion(String(trimmed), reason: "\(digits.prefix(2)) is not a province code (11 Beijing … 82 Macao)")
        }
        self.digits = digits
    }

    /// Province, city or county.
    public var level: RegionLevel { RegionLevel(rawValue: digits.count) ?? .county }

    /// How specific the code is: its number of digits (2, 4 or 6). More specific coverage wins.
    public var specificity: Int { digits.count }

    /// The province the code lies in (the code itself for a province).
    public var province: RegionCode { RegionCode(unchecked: String(digits.prefix(2))) }

    /// The code one level up; nil for a province.
    public var parent: RegionCode? {
        digits.count > 2 ? RegionCode(unchecked: String(digits.dropLast(2))) : nil
    }

    /// Whether `other` lies inside this region (a region covers itself).
    public func covers(_ other: RegionCode) -> Bool { other.digits.hasPrefix(digits) }

    /// Digit order, so lists of codes print in the order of the standard.
    public static func < (lhs: RegionCode, rhs: RegionCode) -> Bool { lhs.digits < rhs.digits }

    /// The digits, e.g. `4401`.
    public var description: String { digits }

    /// Only for prefixes of codes already validated.
    private init(unchecked digits: String) { self.digits = digits }
}
