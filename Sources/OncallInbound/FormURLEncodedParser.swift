import Foundation
import OncallSupport

/// Parses `application/x-www-form-urlencoded` bodies into fields.
///
/// Values stay bytes (``FormURLEncoding``) and are only turned into text by the caller, which
/// knows the charset (Mailgun posts UTF-8).
enum FormURLEncodedParser {
    /// The fields of a urlencoded body; `+` is a space, `%XX` a byte, a malformed escape literal.
    static func parse(_ body: Data) throws(InboundError) -> FormData {
        do {
            let fields = try FormURLEncoding.fields(body, maxFields: FormData.maxFields).map {
                FormField(name: $0.name, filename: nil, contentType: nil, data: Data($0.value))
            }
            return FormData(fields: fields)
        } catch {
            throw .malformed("the form has more than \(error.limit) fields")
        }
    }
}
