import Foundation
import OncallSupport

/// A value a timeline entry stores as text: details are a JSON object of strings, so rows
/// written by any version and any backend read back the same way.
public protocol FactText {
    var factText: String { get }
    init?(factText: String)
}

extension String: FactText {
    public var factText: String { self }
    public init?(factText: String) { self = factText }
}

extension Int: FactText {
    public var factText: String { String(self) }
    public init?(factText: String) { self.init(factText) }
}

extension Bool: FactText {
    public var factText: String { self ? "true" : "false" }
    public init?(factText: String) {
        switch factText {
        case "true": self = true
        case "false": self = false
        default: return nil
        }
    }
}

/// RFC 3339 in UTC, as the API shows times.
extension Date: FactText {
    public var factText: String { RFC3339.format(self) }
    public init?(factText: String) {
        guard let date = RFC3339.parse(factText) else { return nil }
        self = date
    }
}

extension Level: FactText {
    public var factText: String { String(rawValue) }
    public init?(factText: String) {
        guard let number = Int(factText) else { return nil }
        self.init(rawValue: number)
    }
}

extension FactText where Self: RawRepresentable, RawValue == String {
    public var factText: String { rawValue }
    public init?(factText: String) { self.init(rawValue: factText) }
}

extension Scope: FactText {}
extension DispatchSLAKind: FactText {}
extension VisitEvent.Kind: FactText {}

extension KeyedEncodingContainer {
    mutating func encodeFact<T: FactText>(_ value: T, forKey key: Key) throws {
        try encode(value.factText, forKey: key)
    }

    mutating func encodeFactIfPresent<T: FactText>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value.factText, forKey: key) }
    }
}

extension KeyedDecodingContainer {
    func decodeFact<T: FactText>(_ type: T.Type = T.self, forKey key: Key) throws -> T {
        let text = try decode(String.self, forKey: key)
        guard let value = T(factText: text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "'\(text)' is not a \(T.self)")
        }
        return value
    }

    func decodeFactIfPresent<T: FactText>(_ type: T.Type = T.self, forKey key: Key) throws -> T? {
        guard contains(key) else { return nil }
        return try decodeFact(type, forKey: key)
    }
}

/// Facts as the map of strings they are stored and shown as. Facts types encode only strings.
func factDetails<T: Encodable>(_ facts: T) -> [String: String] {
    guard let data = try? JSONEncoder().encode(facts),
          let details = try? JSONDecoder().decode([String: String].self, from: data) else { return [:] }
    return details
}
