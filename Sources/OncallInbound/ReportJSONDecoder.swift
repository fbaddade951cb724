import Foundation
import OncallCore
import OncallSupport

/// The generic JSON endpoint: the report form as one flat object with the form's wire names
/// (`ReportForm.CodingKeys`) and an optional `idempotency_key`.
enum ReportJSONDecoder {
    /// The key that names a report's retries, besides the form's own fields.
    static let idempotencyKey = "idempotency_key"

    /// The form and its idempotency key; 400 for anything but a JSON object of known keys,
    /// 422 for a field of the wrong type or an unreadable time.
    static func decode(_ body: Data) throws(InboundError) -> InboundPayload {
        let object = try JSONBody.object(body, what: "report")
        if let unknown = object.keys.sorted().first(where: { !ReportForm.fieldNames.contains($0) && $0 != idempotencyKey }) {
            throw InboundError(status: 400, code: "unknown_field", message: "unknown field '\(unknown)'")
        }
        let key = try JSONBody.optionalString(object, idempotencyKey, path: "")
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = RFC3339.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not an RFC 3339 time")
            }
            return date
        }
        do {
            return .report(try decoder.decode(ReportForm.self, from: body), idempotencyKey: key?.isEmpty == false ? key : nil)
        } catch let error as DecodingError {
            // A value of the wrong type is not the endpoint's format (400); a missing or unreadable field is (422).
            switch error {
            case .typeMismatch, .valueNotFound: throw .malformed(describe(error))
            default: throw InboundError(status: 422, code: "invalid_field", message: describe(error))
            }
        } catch {
            throw InboundError(status: 422, code: "invalid_field", message: "\(error)")
        }
    }

    /// `field: what was wrong`, naming the field the way the sender wrote it.
    static func describe(_ error: DecodingError) -> String {
        func field(_ path: [any CodingKey]) -> String { path.map(\.stringValue).joined(separator: ".") }
        switch error {
        case let .keyNotFound(key, _): return "\(key.stringValue): is required"
        case let .valueNotFound(_, context): return "\(field(context.codingPath)): must not be null"
        case let .typeMismatch(type, context): return "\(field(context.codingPath)): must be \(type == String.self ? "a string" : "a \(type)")"
        case let .dataCorrupted(context): return "\(field(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
