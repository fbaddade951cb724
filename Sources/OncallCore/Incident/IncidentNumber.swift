/// The human-friendly, monotonic number of an incident, shown as `INC-000123`.
public struct IncidentNumber: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let value: Int64

    public init(_ value: Int64) { self.value = value }

    /// Parses `INC-000123`, `inc-123` or a bare `123`.
    public init?(_ text: String) {
        var digits = Substring(text)
        if digits.uppercased().hasPrefix("INC-") { digits = digits.dropFirst(4) }
        guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy(\.isASCII), let value = Int64(digits), value > 0
        else { return nil }
        self.value = value
    }

    public var description: String {
        let digits = String(value)
        return "INC-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.value < rhs.value }
}
