/// The number of a service request, shown as `REQ-000042`; counted apart from incidents.
public struct RequestNumber: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let value: Int64

    public init(_ value: Int64) { self.value = value }

    /// Parses `REQ-000042`, `req-42` or a bare `42`.
    public init?(_ text: String) {
        var digits = Substring(text)
        if digits.uppercased().hasPrefix("REQ-") { digits = digits.dropFirst(4) }
        guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy(\.isASCII), let value = Int64(digits), value > 0
        else { return nil }
        self.value = value
    }

    public var description: String {
        let digits = String(value)
        return "REQ-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.value < rhs.value }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let number = RequestNumber(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a request number: \(text)"))
        }
        self = number
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
