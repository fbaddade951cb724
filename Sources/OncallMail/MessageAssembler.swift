import Crypto
import OncallSupport

/// Builds a `ParsedMail` from a message's header fields and its parsed part tree.
enum MessageAssembler {
    /// Parses `bytes` as a whole message at `depth` and assembles it. Used for the top level
    /// and for each forwarded `message/rfc822` part; a forwarded message's `warnings` are those
    /// raised while parsing it.
    static func parseMessage(
        _ bytes: ArraySlice<UInt8>, depth: Int, context: inout ParseContext
    ) throws(MIMEError) -> ParsedMail {
        let firstWarning = context.warnings.count
        let (entity, fields) = try EntityParser.parse(
            bytes, depth: depth, isMessage: true, defaultType: "text/plain", context: &context
        )
        var headerWarnings: [String] = []
        var mail = assemble(fields: fields, root: entity, warnings: &headerWarnings)
        for warning in headerWarnings { context.warn(warning) }
        mail.warnings = Array(context.warnings.dropFirst(firstWarning))
        mail.rawSize = bytes.count
        mail.rawSHA256 = bytes.withUnsafeBytes { Hex.string(SHA256.hash(data: $0)) }
        return mail
    }

    /// The message's fields and bodies.
    static func assemble(fields: [HeaderBlockParser.Field], root: MIMEEntity, warnings: inout [String]) -> ParsedMail {
        let headers = fields.map { field in
            MailHeader(name: field.name, value: displayText(field.value, warnings: &warnings), rawValue: field.value)
        }
        func raw(_ name: String) -> String? {
            fields.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
        }
        func addresses(_ name: String) -> [MailAddress] {
            fields.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }
                .flatMap { MailAddress.parseList($0.value) }
        }

        var mail = ParsedMail(headers: headers)
        mail.subject = headers.first { $0.name.caseInsensitiveCompare("Subject") == .orderedSame }?.value
        mail.from = raw("From").map(MailAddress.parseList) ?? []
        mail.sender = raw("Sender").flatMap { MailAddress.parseList($0).first }
        mail.to = addresses("To")
        mail.cc = addresses("Cc")
        mail.replyTo = raw("Reply-To").map(MailAddress.parseList) ?? []
        mail.date = raw("Date").flatMap(MailDate.parse)
        mail.messageID = raw("Message-ID").flatMap { MessageIDs.parse($0).first }
        mail.inReplyTo = raw("In-Reply-To").map(MessageIDs.parse) ?? []
        mail.references = raw("References").map(MessageIDs.parse) ?? []
        mail.returnPath = raw("Return-Path").map(returnPath)

        let collected = collect(root)
        let plain = collected.plain.map(trimTrailingBlankLines).filter { !$0.trimmedWhitespace.isEmpty }
        let html = collected.html.filter { !$0.trimmedWhitespace.isEmpty }
        let htmlText = html.isEmpty ? nil : HTMLText.readableText(html.joined(separator: "\n"))
        if !plain.isEmpty {
            mail.textBody = plain.joined(separator: "\n\n")
        } else if let htmlText, !isBlank(htmlText) {
            mail.textBody = htmlText
        } else if let forwarded = collected.forwarded.first(where: { !isBlank($0.textBody ?? "") }) {
            // "Forward as attachment" with no note of its own, or an empty one (Outlook sends a
            // blank plain part and an HTML part holding only `&nbsp;`): the forwarded text is
            // the content.
            mail.textBody = forwarded.textBody
        } else if htmlText != nil || !collected.plain.isEmpty {
            mail.textBody = htmlText ?? ""
        }
        mail.htmlBody = html.isEmpty ? nil : html.joined(separator: "\n")
        mail.attachments = collected.attachments
        mail.forwardedMessages = collected.forwarded
        return mail
    }

    /// Body pieces gathered from a part tree.
    private struct Collected {
        var plain: [String] = []
        var html: [String] = []
        var attachments: [MailAttachment] = []
        var forwarded: [ParsedMail] = []
    }

    /// Walks the tree: alternatives contribute their richest plain and HTML versions, other
    /// multiparts everything in order; forwarded messages' attachments are flattened in.
    private static func collect(_ entity: MIMEEntity) -> Collected {
        switch entity.kind {
        case let .text(isHTML, text):
            return isHTML ? Collected(html: [text]) : Collected(plain: [text])
        case let .attachment(attachment):
            return Collected(attachments: [attachment])
        case let .message(mail):
            return Collected(attachments: mail.attachments, forwarded: [mail])
        case let .multipart(subtype, children):
            let results = children.map(collect)
            var combined = Collected()
            for result in results {
                combined.attachments += result.attachments
                combined.forwarded += result.forwarded
            }
            if subtype == "alternative" {
                // RFC 2046 orders alternatives from plainest to richest; take the last of each kind.
                combined.plain = results.last { !$0.plain.isEmpty }?.plain ?? []
                combined.html = results.last { !$0.html.isEmpty }?.html ?? []
            } else {
                for result in results {
                    combined.plain += result.plain
                    combined.html += result.html
                }
            }
            return combined
        }
    }

    /// A header value for display: encoded words decoded, control characters made spaces (a
    /// decoded CR or LF must never let a value pose as another header downstream).
    static func displayText(_ raw: String, warnings: inout [String]) -> String {
        let decoded = EncodedWords.decode(raw, warnings: &warnings)
        guard decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return decoded }
        let cleaned = decoded.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : Character($0) }
        return String(cleaned).trimmedWhitespace
    }

    /// `<>` gives the empty string (the null sender of bounces); `<a@b>` gives `a@b`.
    private static func returnPath(_ raw: String) -> String {
        let trimmed = raw.trimmedWhitespace
        if let open = trimmed.firstIndex(of: "<"), let close = trimmed[open...].firstIndex(of: ">") {
            return String(trimmed[trimmed.index(after: open)..<close]).trimmedWhitespace
        }
        return trimmed
    }

    /// True for text with nothing visible (no-break spaces included, which HTML leaves).
    private static func isBlank(_ text: String) -> Bool {
        text.allSatisfy(\.isWhitespace)
    }

    private static func trimTrailingBlankLines(_ text: String) -> String {
        var result = Substring(text)
        while let last = result.last, last == "\n" || last == " " || last == "\t" { result = result.dropLast() }
        return String(result)
    }
}
