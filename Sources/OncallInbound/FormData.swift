import Foundation
import OncallMail

/// A posted form, `application/x-www-form-urlencoded` or `multipart/form-data`, as fields in
/// the order they arrived.
struct FormData: Sendable {
    /// Every field, repeated names kept.
    var fields: [FormField]
    /// Multipart parts dropped because they had no readable `Content-Disposition` name
    /// (MultipartKit turns a header value that is not UTF-8, such as a raw GB2312 file name,
    /// into an empty string). Reported as a warning on the mail, never silently.
    var unnamedParts = 0

    /// A form from its fields.
    init(fields: [FormField], unnamedParts: Int = 0) {
        self.fields = fields
        self.unnamedParts = unnamedParts
    }

    /// The warning to attach to a mail built from this form, if parts were dropped.
    var unnamedPartsWarning: String? {
        unnamedParts == 0 ? nil : "\(unnamedParts) form part(s) without a readable field name were skipped"
    }

    /// The most fields a form may have; bounds the work on a hostile body (the body size is
    /// already bounded, but a body of empty fields would otherwise be millions of them).
    static let maxFields = 5_000

    /// The first field with this exact name, else the first whose name matches ignoring case
    /// (Mailgun posts header fields as `Message-Id`, some tools as `Message-ID`).
    func field(_ name: String) -> FormField? {
        fields.first { $0.name == name } ?? fields.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// The non-file field's text, or nil when absent.
    func text(_ name: String, charset: String? = nil) -> String? {
        guard let field = field(name), !field.isFile else { return nil }
        return field.text(charset: charset).text
    }

    /// The non-file field's text, or nil when absent or only whitespace.
    func nonEmptyText(_ name: String, charset: String? = nil) -> String? {
        guard let text = text(name, charset: charset), !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return nil
        }
        return text
    }

    /// Size and SHA-256 over the fields except `excluded`, sorted by name: a digest that stays
    /// the same when a provider re-posts the same message with a fresh signature.
    func contentDigest(excluding excluded: Set<String>) -> (size: Int, sha256: String) {
        let kept = fields.enumerated()
            .filter { !excluded.contains($0.element.name) }
            .sorted { ($0.element.name, $0.offset) < ($1.element.name, $1.offset) }
            .map(\.element)
        var entries: [Data] = []
        var size = 0
        for field in kept {
            // Length-prefixed, so no two different forms serialize to the same bytes.
            entries.append(Data("\(field.name.utf8.count):\(field.name)\(field.data.count):".utf8))
            entries.append(field.data)
            size += field.data.count
        }
        return (size, ProviderMail.sha256Hex(entries))
    }

    /// Parses the request body by its `Content-Type`.
    static func parse(_ request: InboundHTTPRequest) throws(InboundError) -> FormData {
        guard let contentType = request.header("Content-Type") else {
            throw .unsupportedMediaType("a form body needs a Content-Type (multipart/form-data or application/x-www-form-urlencoded)")
        }
        let type = ParameterizedValue.parse(contentType)
        switch type.value {
        case "multipart/form-data":
            guard let boundary = type["boundary"], !boundary.isEmpty, boundary.utf8.count <= 200 else {
                throw .malformed("multipart/form-data without a usable boundary parameter")
            }
            return try MultipartFormParser.parse(request.body, boundary: boundary)
        case "application/x-www-form-urlencoded":
            return try FormURLEncodedParser.parse(request.body)
        default:
            throw .unsupportedMediaType("expected multipart/form-data or application/x-www-form-urlencoded, got \(type.value)")
        }
    }
}
