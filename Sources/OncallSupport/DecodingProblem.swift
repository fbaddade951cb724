/// A `DecodingError` said for people: which field was wrong (`alerts[0].labels.severity`) and how.
///
/// Every JSON reader (the API's strict bodies, the Alertmanager webhook) answers with these
/// words, so a refusal always names the field.
public struct DecodingProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong with the field.
    public enum Kind: Sendable, Equatable {
        /// A required key is absent.
        case missing
        /// A required value is JSON null.
        case null
        /// The value has another JSON type than the one expected.
        case wrongType
        /// The value has the right type but is not acceptable (an unknown status, a bad time).
        case invalid
    }

    /// The field's path, keys joined by `.`, indices as `[n]`; empty for the whole document.
    public var field: String
    /// What was wrong.
    public var kind: Kind
    /// A sentence naming the field: `'alerts[0].startsAt' is required`.
    public var message: String

    /// The problem a decoding error reports.
    public init(_ error: DecodingError) {
        switch error {
        case let .keyNotFound(key, context):
            field = Self.path(context.codingPath + [key])
            kind = .missing
            message = "'\(field)' is required"
        case let .valueNotFound(_, context):
            field = Self.path(context.codingPath)
            kind = .null
            message = "'\(field)' must not be null"
        case let .typeMismatch(type, context):
            field = Self.path(context.codingPath)
            kind = .wrongType
            message = "'\(field)' must be \(Self.describe(type))"
        case let .dataCorrupted(context):
            field = Self.path(context.codingPath)
            kind = .invalid
            message = field.isEmpty ? context.debugDescription : "'\(field)': \(context.debugDescription)"
        @unknown default:
            field = ""
            kind = .invalid
            message = "\(error)"
        }
    }

    public var description: String { message }

    /// `alerts[0].labels.severity` for a coding path.
    public static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue, key.stringValue.hasPrefix("Index ") {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text
    }

    /// The JSON type a Swift type decodes from, for "must be …": `a string`, `an object`, `a list`.
    public static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type, is Substring.Type: "a string"
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt.Type, is UInt64.Type: "an integer"
        case is Double.Type, is Float.Type: "a number"
        case is Bool.Type: "true or false"
        case is [String: String].Type: "an object of strings"
        default:
            if "\(type)".hasPrefix("Dictionary<") { "an object" } else if "\(type)".hasPrefix("Array<") { "a list" } else { "of type \(type)" }
        }
    }
}
