import Foundation

/// The generic JSON endpoint: the report form's fields as one flat object of strings.
///
/// Only the shape is checked here (an object whose every value is a string); which keys are
/// allowed and required is `ReportRequest`'s business, so the lead validates `fields` with
/// the same strict decoder as `POST /v1/incidents`.
enum ReportJSONDecoder {
    /// The object's members; 400 for anything but an object of strings.
    static func decode(_ body: Data) throws(InboundError) -> InboundPayload {
        let object = try JSONBody.object(body, what: "report")
        var fields: [String: String] = [:]
        for key in object.keys.sorted() {
            guard let value = object[key] as? String else {
                throw .malformed("'\(key)' must be a string")
            }
            fields[key] = value
        }
        return .report(fields: fields)
    }
}
