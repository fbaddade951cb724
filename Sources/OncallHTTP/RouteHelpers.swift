import Foundation
import Hummingbird
import OncallAPI
import OncallCore

/// Request pieces every route reads the same way.
enum RouteHelpers {
    /// The body decoded strictly (unknown fields, bad UTF-8 and oversize refused).
    static func decode<T: StrictDecodable>(_ type: T.Type, _ request: Request, maxBodyBytes: Int) async throws -> T {
        var request = request
        let buffer = try await request.collectBody(upTo: maxBodyBytes)
        return try StrictJSON.decode(type, from: Data(buffer.readableBytesView))
    }

    /// The `{id}` path parameter as an incident number, or 404.
    static func incidentNumber(_ context: OncallRequestContext) throws -> IncidentNumber {
        let text = context.parameters.get("id") ?? ""
        guard let id = IncidentNumber(text) else {
            throw APIFailure(status: .notFound, code: "not_found", message: "'\(text)' is not an incident number such as INC-000123")
        }
        return id
    }

    /// Who is asking, as the auth middleware named them.
    static func caller(_ context: OncallRequestContext) -> String {
        context.caller ?? "unknown"
    }

    static func invalidQuery(_ field: String, _ message: String) -> APIFailure {
        APIFailure(status: .badRequest, code: "invalid_field", message: "\(field): \(message)", field: field)
    }
}
