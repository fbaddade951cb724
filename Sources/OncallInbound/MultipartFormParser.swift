import Foundation
import MultipartKit

/// Parses `multipart/form-data` bodies with MultipartKit's streaming parser.
///
/// The streaming parser, not `FormDataDecoder`, because provider forms have an unknown number
/// of `attachment-N` parts that no `Decodable` type can name, and `MultipartPart` cannot be a
/// decoded field. File names come from `Content-Disposition` by hand (`ParameterizedValue`):
/// MultipartKit only exposes `name`.
enum MultipartFormParser {
    /// The fields of a multipart body with the given boundary.
    static func parse(_ body: Data, boundary: String) throws(InboundError) -> FormData {
        let collector = MultipartPartCollector()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in collector.header(name, value) }
        parser.onBody = { buffer in collector.body(buffer.readableBytesView) }
        parser.onPartComplete = { collector.complete() }
        do {
            try parser.execute([UInt8](body))
        } catch {
            throw .malformed("the multipart/form-data body is not well formed")
        }
        if collector.tooMany { throw .malformed("the form has more than \(FormData.maxFields) fields") }
        // MultipartKit stops silently at the end of input: a part that never saw its closing
        // boundary, or a body that never had one, means the post was truncated.
        if collector.inPart || !collector.sawPart || !endsWithClosingBoundary(body, boundary: boundary) {
            throw .malformed("the multipart/form-data body ends before its closing boundary")
        }
        return FormData(fields: collector.fields, unnamedParts: collector.unnamedParts)
    }

    /// True when `--boundary--` occurs near the end of the body (only an epilogue of line
    /// ends or a short trailer may follow), which a truncated post lacks.
    static func endsWithClosingBoundary(_ body: Data, boundary: String) -> Bool {
        let closing = Array("--\(boundary)--".utf8)
        let tail = body.suffix(closing.count + 256)
        return tail.firstRange(of: closing) != nil
    }
}
