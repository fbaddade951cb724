import Foundation

/// Reads request bodies that must be a JSON object, with the refusals every JSON endpoint
/// shares: invalid UTF-8, not JSON, not an object → 400.
enum JSONBody {
    /// The body as a JSON object.
    static func object(_ data: Data, what: String) throws(InboundError) -> [String: Any] {
        guard String(validating: data, as: UTF8.self) != nil else {
            throw .malformed("the \(what) body is not valid UTF-8")
        }
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            throw .malformed("the \(what) body is not valid JSON")
        }
        guard let object = value as? [String: Any] else { throw .malformed("the \(what) body must be a JSON object") }
        return object
    }

    /// A string member, nil when absent or JSON null; a member of another type is an error.
    static func optionalString(_ object: [String: Any], _ key: String, path: String) throws(InboundError) -> String? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard let string = value as? String else { throw .malformed("'\(path)\(key)' must be a string") }
        return string
    }

    /// A required string member.
    static func string(_ object: [String: Any], _ key: String, path: String) throws(InboundError) -> String {
        guard let string = try optionalString(object, key, path: path) else { throw .malformed("'\(path)\(key)' is required") }
        return string
    }
}
