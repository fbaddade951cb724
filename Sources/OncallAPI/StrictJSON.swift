import Foundation
import OncallSupport

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

    static func describe(_ error: DecodingError) -> APIRequestError {
        let problem = DecodingProblem(error)
        let code = switch problem.kind {
        case .missing, .null: "missing_field"
        case .wrongType, .invalid: "invalid_field"
        }
        return APIRequestError(status: 422, code: code, message: problem.message, field: problem.field)
    }
}
