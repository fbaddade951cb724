import Crypto
import Foundation
import OncallSupport

/// Parses one MIME entity (a message or a part) and, recursively, its children.
///
/// Depth and part counts are checked on entry, so hostile nesting is refused before any work
/// is done on it. Work per entity is linear in its size: one header scan, one boundary scan,
/// one transfer decoding and one charset decoding.
enum EntityParser {
    /// Parses `bytes` as an entity at `depth` (0 for the message itself).
    ///
    /// `isMessage` is true for the top-level message and for `message/rfc822` contents (which
    /// must start with a header), and `defaultType` is the media type when none is declared
    /// (`message/rfc822` inside a `multipart/digest`, else `text/plain`). The caller keeps the
    /// header fields of a message entity to build its `ParsedMail`.
    static func parse(
        _ bytes: ArraySlice<UInt8>, depth: Int, isMessage: Bool, defaultType: String, context: inout ParseContext
    ) throws(MIMEError) -> (entity: MIMEEntity, fields: [HeaderBlockParser.Field]) {
        if depth > context.limits.maxDepth { throw .tooDeep(limit: context.limits.maxDepth) }
        try context.countPart()

        let (fields, bodyStart) = try HeaderBlockParser.parse(bytes, isMessage: isMessage, context: &context)
        let body = bytes[bodyStart..<bytes.endIndex]
        func field(_ name: String) -> String? {
            fields.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
        }

        var warnings: [String] = []
        defer { for warning in warnings { context.warn(warning) } }
        var contentType = field("Content-Type").map { ParameterizedValue.parse($0, warnings: &warnings) }
            ?? ParameterizedValue(value: defaultType, parameters: [:])
        if !isValidMediaType(contentType.value) {
            // `text` alone, `inline`, garbage: read the part as the default type.
            if field("Content-Type") != nil {
                warnings.append("unreadable Content-Type '\(contentType.value)'; read as \(defaultType)")
            }
            contentType.value = defaultType
        }
        let disposition = field("Content-Disposition").map { ParameterizedValue.parse($0, warnings: &warnings) }
        let encoding = transferEncoding(field("Content-Transfer-Encoding"))
        let mediaType = contentType.value

        if mediaType.hasPrefix("multipart/") {
            let entity = try parseMultipart(body, contentType: contentType, encoding: encoding, depth: depth, context: &context)
            return (entity, fields)
        }

        let (decoded, encodingWarning) = decodeTransfer(body, encoding: encoding)
        if let encodingWarning { warnings.append(encodingWarning) }

        // Content with no header is no message (a digest entry without one, a forward that
        // kept only the text): unless it is an attachment, it is read as plain text rather
        // than hidden in a file.
        var isHeaderlessMessage = false
        if mediaType == "message/rfc822" || mediaType == "message/global" {
            do {
                let mail = try MessageAssembler.parseMessage(decoded[...], depth: depth + 1, context: &context)
                return (MIMEEntity(kind: .message(mail)), fields)
            } catch .notAMessage {
                isHeaderlessMessage = true
            }
        }

        let filename = FileNames.sanitize(disposition?["filename"] ?? contentType["name"])
        let dispositionType = disposition?.value
        // A text part with a file name is a file (a log, a config) unless it is the whole
        // message; an explicit `attachment` always is.
        let isBodyText = (mediaType == "text/plain" || mediaType == "text/html" || isHeaderlessMessage)
            && dispositionType != "attachment"
            && (filename == nil || isMessage)
        if isHeaderlessMessage {
            warnings.append("forwarded message has no header; " + (isBodyText ? "read as text" : "kept as an attachment"))
        }
        if isBodyText {
            let isHTML = mediaType == "text/html"
            var textBytes = decoded
            if isBase64(encoding), decoded.isEmpty, body.contains(where: { $0 > 0x20 }) {
                // Nothing in it was base64 after all; its characters are all there is to show.
                textBytes = Array(body)
                warnings.append("base64 body decodes to nothing; kept the text as written")
            }
            var text = decodeText(textBytes, charset: contentType["charset"], isHTML: isHTML, warnings: &warnings)
            if !isHTML, contentType["format"]?.lowercased() == "flowed" {
                text = FlowedText.unflow(text, deleteSpace: contentType["delsp"]?.lowercased() == "yes")
            }
            return (MIMEEntity(kind: .text(isHTML: isHTML, text)), fields)
        }

        let contentID = field("Content-ID").flatMap { MessageIDs.parse($0).first ?? nonEmpty($0.trimmedWhitespace) }
        let data = Data(decoded)
        let attachment = MailAttachment(
            filename: filename, contentType: mediaType, size: decoded.count,
            sha256: Hex.string(SHA256.hash(data: data)),
            data: data,
            isInline: dispositionType == "inline" || (dispositionType == nil && contentID != nil),
            contentID: contentID
        )
        return (MIMEEntity(kind: .attachment(attachment)), fields)
    }

    // MARK: - Multipart

    private static func parseMultipart(
        _ body: ArraySlice<UInt8>, contentType: ParameterizedValue, encoding: String, depth: Int,
        context: inout ParseContext
    ) throws(MIMEError) -> MIMEEntity {
        let subtype = String(contentType.value.dropFirst("multipart/".count))
        var content = body
        if isBase64(encoding) || encoding == "quoted-printable" {
            // Forbidden by RFC 2045 but seen from broken gateways; decoding costs little.
            content = decodeTransfer(body, encoding: encoding).bytes[...]
            context.warn("multipart declared Content-Transfer-Encoding \(encoding); decoded it")
        }
        var boundary = contentType["boundary"].map { Array($0.utf8) } ?? []
        if boundary.isEmpty {
            if let guessed = BoundaryScanner.guess(content) {
                boundary = guessed
                context.warn("multipart has no boundary parameter; used '\(String(decoding: guessed, as: UTF8.self))' from the body")
            }
        }
        let remaining = max(0, context.limits.maxParts - context.partCount)
        var split: BoundaryScanner.Split?
        if !boundary.isEmpty {
            split = BoundaryScanner.split(content, boundary: boundary, maxParts: remaining)
            if split == nil { throw .tooManyParts(limit: context.limits.maxParts) }
        }
        guard let split, !split.parts.isEmpty else {
            // No delimiter at all: the content is still worth reading, as text.
            context.warn("multipart has no usable boundary; read its body as text")
            var warnings: [String] = []
            let text = decodeText(Array(content), charset: contentType["charset"], isHTML: false, warnings: &warnings)
            for warning in warnings { context.warn(warning) }
            return MIMEEntity(kind: .text(isHTML: false, text))
        }
        if !split.closed { context.warn("multipart is missing its final boundary") }

        let childDefault = subtype == "digest" ? "message/rfc822" : "text/plain"
        var children: [MIMEEntity] = []
        let parentPath = context.path
        for (offset, part) in split.parts.enumerated() {
            context.path = parentPath + [offset + 1]
            let child = try parse(part, depth: depth + 1, isMessage: false, defaultType: childDefault, context: &context)
            children.append(child.entity)
        }
        context.path = parentPath
        return MIMEEntity(kind: .multipart(subtype: subtype, children))
    }

    // MARK: - Decoding helpers

    /// `type/subtype` made of token characters.
    static func isValidMediaType(_ value: String) -> Bool {
        let pieces = value.split(separator: "/", omittingEmptySubsequences: false)
        guard pieces.count == 2 else { return false }
        let tokenCharacters = Set("abcdefghijklmnopqrstuvwxyz0123456789!#$&^_.+-")
        return pieces.allSatisfy { !$0.isEmpty && $0.allSatisfy { tokenCharacters.contains($0) } }
    }

    /// The lowercased transfer encoding with quotes and comments removed (`7bit` when absent).
    static func transferEncoding(_ raw: String?) -> String {
        guard let raw else { return "7bit" }
        let token = raw.split(whereSeparator: { $0 == "(" || $0 == ";" }).first.map(String.init) ?? ""
        let cleaned = token.trimmingCharacters(in: " \t\"'").lowercased()
        return cleaned.isEmpty ? "7bit" : cleaned
    }

    /// The body with its transfer encoding removed, and a warning for an unknown encoding or
    /// for damaged base64 (what could be decoded is kept).
    static func decodeTransfer(_ body: ArraySlice<UInt8>, encoding: String) -> (bytes: [UInt8], warning: String?) {
        if isBase64(encoding) {
            let (bytes, damage) = TransferDecoding.base64Reporting(body)
            return (bytes, damage.summary.map { "base64 body: " + $0 })
        }
        switch encoding {
        case "7bit", "8bit", "binary", "7-bit", "8-bit":
            return (Array(body), nil)
        case "quoted-printable", "quotedprintable", "qp":
            return (TransferDecoding.quotedPrintable(body), nil)
        default:
            return (Array(body), "unknown Content-Transfer-Encoding '\(encoding)'; kept the bytes as they are")
        }
    }

    /// The spellings of base64 that mailers write.
    static func isBase64(_ encoding: String) -> Bool {
        encoding == "base64" || encoding == "base-64" || encoding == "x-base64"
    }

    /// Text from a body part: the charset fallback, `\n` line ends, no byte-order mark.
    static func decodeText(_ bytes: [UInt8], charset: String?, isHTML: Bool, warnings: inout [String]) -> String {
        var label = charset
        if label == nil, isHTML { label = HTMLText.declaredCharset(bytes) }
        let decoded = Charsets.decodeReporting(bytes, charset: label)
        if let warning = decoded.warning { warnings.append("body: \(warning)") }
        return normalizeLineEnds(decoded.text)
    }

    /// CRLF and lone CR become LF; a leading byte-order mark is dropped.
    static func normalizeLineEnds(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(text.unicodeScalars.count)
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\r" {
                scalars.append("\n")
                previousWasCR = true
                continue
            }
            if scalar == "\n", previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = false
            if scalar == "\u{FEFF}", scalars.isEmpty { continue }
            scalars.append(scalar)
        }
        return String(scalars)
    }

    private static func nonEmpty(_ text: String) -> String? {
        text.isEmpty ? nil : text
    }
}
