import Foundation
import OncallMail

/// One field of a posted form: a value, or a file with its name and type.
struct FormField: Sendable, Equatable {
    /// The field name (`subject`, `attachment-1`).
    var name: String
    /// The file name from `Content-Disposition`, for file parts.
    var filename: String?
    /// The part's `Content-Type` header value, when the part had one.
    var contentType: String?
    /// The part's bytes, exactly as posted.
    var data: Data

    /// True for a file part (one with a `filename` parameter).
    var isFile: Bool { filename != nil }

    /// The `charset` parameter of the part's `Content-Type`.
    var declaredCharset: String? {
        contentType.flatMap { ParameterizedValue.parse($0)["charset"] }
    }

    /// The media type without parameters, lowercased (`application/pdf`).
    var mediaType: String? {
        guard let contentType else { return nil }
        let value = ParameterizedValue.parse(contentType).value
        return value.isEmpty ? nil : value
    }

    /// The value as text in `charset` (else the part's declared charset, else UTF-8), with a
    /// warning when the bytes were not valid in it and a fallback had to guess.
    func text(charset: String? = nil) -> (text: String, warning: String?) {
        let label = charset ?? declaredCharset
        let saysUTF8 = label.map { Charsets.canonicalName($0) == "UTF-8" } ?? true
        if saysUTF8, let text = String(validating: data, as: UTF8.self) {
            return (text, nil)
        }
        let decoding = Charsets.decodeReporting(data, charset: label ?? "utf-8")
        return (decoding.text, decoding.warning.map { "field '\(name)': \($0)" })
    }
}
