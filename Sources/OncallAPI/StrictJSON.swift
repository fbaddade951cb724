import Foundation

/// A request body type that names every key it accepts, so unknown keys can be refused.
public protocol StrictDecodable: Decodable {
    static var allowedKeys: Set<String> { get }
}

/// Decodes request bodies strictly: valid UTF-8, a JSON object, no unknown keys, right types.
/// Every refusal says what was wrong and where.
public enum StrictJSON {
    public static func decode<T: StrictDecodable>(_ type: T.Type, from data: Data) throws(APIRequestError) -> T {
        guard String(validating: data, as: UTF8.self) != nil else {
            throw APIRequestError(status: 400, code: "invalid_utf8", message: "the body is not valid UTF-8")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data.isEmpty ? Data("{}".utf8) : data, options: [])
        } catch {
            throw APIRequestError(status: 400, code: "invalid_json", message: "the body is not valid JSON: \(reason(error))")
        }
        guard let fields = object as? [String: Any] else {
            throw APIRequestError(status: 400, code: "invalid_json", message: "the body must be a JSON object")
        }
        if let unknown = fields.keys.sorted().first(where: { !T.allowedKeys.contains($0) }) {
            throw APIRequestError(
                status: 400, code: "unknown_field",
                message: "unknown field '\(unknown)'; allowed: \(T.allowedKeys.sorted().joined(separator: ", "))",
                field: unknown)
        }
        do {
            return try APIDates.decoder.decode(T.self, from: data.isEmpty ? Data("{}".utf8) : data)
        } catch let error as DecodingError {
            throw describe(error)
        } catch let error as APIRequestError {
            throw error
        } catch {
            throw APIRequestError(status: 400, code: "invalid_json", message: "\(error)")
        }
    }

    static func reason(_ error: any Error) -> String {
        let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
        return text ?? "\(error)"
    }

    static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    static func describe(_ error: DecodingError) -> APIRequestError {
        switch error {
        case let .keyNotFound(key, context):
            let field = path(context.codingPath + [key])
            return APIRequestError(status: 422, code: "missing_field", message: "'\(field)' is required", field: field)
        case let .valueNotFound(_, context):
            let field = path(context.codingPath)
            return APIRequestError(status: 422, code: "missing_field", message: "'\(field)' must not be null", field: field)
        case let .typeMismatch(type, context):
            let field = path(context.codingPath)
            return APIRequestError(status: 422, code: "invalid_field", message: "'\(field)' must be \(describe(type))", field: field)
        case let .dataCorrupted(context):
            let field = path(context.codingPath)
            return APIRequestError(status: 422, code: "invalid_field", message: "'\(field)': \(context.debugDescription)", field: field)
        @unknown default:
            return APIRequestError(status: 400, code: "invalid_json", message: "\(error)")
        }
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "an integer"
        case is Bool.Type: "true or false"
        default: "of type \(type)"
        }
    }
}
