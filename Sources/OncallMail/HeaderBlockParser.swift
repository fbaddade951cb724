/// Splits an entity into its header fields and the offset where its body starts.
///
/// Lines may end in CRLF or a bare LF. Continuation lines (starting with a space or tab) are
/// unfolded, their leading whitespace collapsed to one space; one before the first field, blank
/// or not, is skipped with a warning (except a blank-looking line opening a part and followed by
/// no field, which is that part's separator). A line that is neither a field nor a continuation
/// is skipped with a warning when a field follows it, and otherwise taken as the start of a
/// body that lacked its blank separator line. Raw 8-bit bytes are decoded as UTF-8 (RFC 6532)
/// or through the `Charsets` fallback. Values are gathered as bytes, so a field of any length
/// costs time linear in it.
enum HeaderBlockParser {
    /// One unfolded header field.
    struct Field {
        var name: String
        var value: String
    }

    /// The fields of the header block at the start of `bytes` and the index (in `bytes`' own
    /// indices) where the body begins. Throws when the block breaks a limit, or, for a
    /// top-level message, when it has no field at all.
    static func parse(
        _ bytes: ArraySlice<UInt8>, isMessage: Bool, context: inout ParseContext
    ) throws(MIMEError) -> (fields: [Field], bodyStart: Int) {
        let limits = context.limits
        var fields: [Field] = []
        var currentName: String?
        var currentValue: [UInt8] = []
        var currentTruncated = false
        var index = bytes.startIndex
        let end = bytes.endIndex

        func finishField(_ context: inout ParseContext) {
            guard let name = currentName else { return }
            if currentTruncated {
                context.warn("header \(name) truncated to \(limits.maxHeaderFieldBytes) bytes")
            }
            fields.append(Field(name: name, value: decodeValue(currentValue, name: name, context: &context)))
            currentName = nil
            currentValue.removeAll(keepingCapacity: true)
            currentTruncated = false
        }

        // An mbox "From " separator line before the headers (from `formail` or a saved mailbox).
        if isMessage, startsWith(bytes, index, "From "), !isFieldLine(line(bytes, from: index).content) {
            index = line(bytes, from: index).next
            context.warn("skipped an mbox 'From ' line before the headers")
        }

        var leadingBlankLines = 0
        while index < end {
            let (content, next) = line(bytes, from: index)
            if content.isEmpty {
                // Blank lines before a message's first field (a stray CRLF from a pipe or a
                // form field) are skipped; after a field, the blank line ends the block.
                if isMessage, fields.isEmpty, currentName == nil, leadingBlankLines < 8, next < end {
                    leadingBlankLines += 1
                    index = next
                    continue
                }
                finishField(&context)
                if fields.isEmpty, isMessage { throw .notAMessage(reason: "no header fields") }
                return (fields, next)
            }
            // The limit counts the whole block, checked before a line joins it, so a giant
            // body line that is not a header still ends the block normally.
            let joins = content.first == 0x20 || content.first == 0x09 || isFieldLine(content)
            if joins, next - bytes.startIndex > limits.maxHeaderBytes {
                throw .headerTooLong(limit: limits.maxHeaderBytes)
            }
            guard let first = content.first else { break }
            if first == 0x20 || first == 0x09 {
                if currentName != nil {
                    let rest = content.drop(while: { $0 == 0x20 || $0 == 0x09 })
                    if !rest.isEmpty {
                        appendBounded(&currentValue, [0x20], &currentTruncated, limits.maxHeaderFieldBytes)
                        appendBounded(&currentValue, rest, &currentTruncated, limits.maxHeaderFieldBytes)
                    }
                } else if !isMessage, content.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }),
                          next >= end || !isFieldLine(line(bytes, from: next).content) {
                    // A whitespace-only line opening a part with no header field after it: some
                    // generators write one as the blank separator of a part without headers.
                    return (fields, next)
                } else {
                    // A continuation with nothing to continue (a relay cut the start of a field):
                    // skipped, so that it neither ends the block nor joins the next field.
                    context.warn("skipped a continuation line with no header before it")
                }
                index = next
                continue
            }
            if let colon = fieldColon(content) {
                finishField(&context)
                if fields.count >= limits.maxHeaders { throw .tooManyHeaders(limit: limits.maxHeaders) }
                var nameEnd = colon
                while nameEnd > content.startIndex, content[nameEnd - 1] == 0x20 || content[nameEnd - 1] == 0x09 { nameEnd -= 1 }
                currentName = String(decoding: content[content.startIndex..<nameEnd], as: UTF8.self)
                let value = content[(colon + 1)...].drop(while: { $0 == 0x20 || $0 == 0x09 })
                appendBounded(&currentValue, value, &currentTruncated, limits.maxHeaderFieldBytes)
                index = next
                continue
            }
            // Neither a field nor a continuation.
            if fields.isEmpty && currentName == nil {
                if isMessage { throw .notAMessage(reason: "the first line is not a header field") }
                context.warn("part has no header block; its content starts at once")
                return ([], bytes.startIndex)
            }
            let following = line(bytes, from: next).content
            if next < end, isFieldLine(following) {
                context.warn("skipped a malformed header line")
                index = next
                continue
            }
            finishField(&context)
            context.warn("header block ended without a blank line")
            return (fields, index)
        }
        finishField(&context)
        if fields.isEmpty, isMessage { throw .notAMessage(reason: "no header fields") }
        return (fields, end)
    }

    /// The line starting at `start` without its CR/LF, and the index after its line end.
    static func line(_ bytes: ArraySlice<UInt8>, from start: Int) -> (content: ArraySlice<UInt8>, next: Int) {
        let end = bytes.endIndex
        guard start < end else { return (bytes[end..<end], end) }
        let newline = ByteSearch.firstIndex(of: 0x0A, in: bytes, from: start) ?? end
        var contentEnd = newline
        if contentEnd > start, bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
        return (bytes[start..<contentEnd], newline < end ? newline + 1 : end)
    }

    /// The index of the colon that ends a valid field name (printable ASCII, no spaces inside;
    /// spaces before the colon are tolerated), or nil.
    static func fieldColon(_ content: ArraySlice<UInt8>) -> Int? {
        var sawSpace = false
        var sawName = false
        for index in content.indices {
            let byte = content[index]
            if byte == UInt8(ascii: ":") { return sawName ? index : nil }
            if byte == 0x20 || byte == 0x09 {
                sawSpace = true
                continue
            }
            // RFC 5322 allows any printable ASCII in a name, but real names are tokens; holding
            // to token characters keeps prose and JSON (`{"a": 1}`) from passing as headers.
            guard isTokenByte(byte), !sawSpace else { return nil }
            sawName = true
            // No real field name is this long; stop scanning long prose lines early.
            if index - content.startIndex > 76 { return nil }
        }
        return nil
    }

    /// HTTP/MIME token characters: letters, digits and ``!#$%&'*+-.^_`|~``.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
             UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"): true
        default: false
        }
    }

    static func isFieldLine(_ content: ArraySlice<UInt8>) -> Bool {
        fieldColon(content) != nil
    }

    private static func startsWith(_ bytes: ArraySlice<UInt8>, _ index: Int, _ prefix: String) -> Bool {
        let prefixBytes = Array(prefix.utf8)
        guard bytes.endIndex - index >= prefixBytes.count else { return false }
        return bytes[index..<(index + prefixBytes.count)].elementsEqual(prefixBytes)
    }

    private static func appendBounded(
        _ value: inout [UInt8], _ bytes: some Collection<UInt8>, _ truncated: inout Bool, _ limit: Int
    ) {
        let room = limit - value.count
        guard room > 0 else {
            if !bytes.isEmpty { truncated = true }
            return
        }
        if bytes.count > room {
            value.append(contentsOf: bytes.prefix(room))
            truncated = true
        } else {
            value.append(contentsOf: bytes)
        }
    }

    /// Header bytes as text: ASCII and UTF-8 as they are, anything else via the fallback.
    private static func decodeValue(_ bytes: [UInt8], name: String, context: inout ParseContext) -> String {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0D { end -= 1 }
        let trimmed = bytes[0..<end]
        if let text = String(validating: trimmed, as: UTF8.self) { return text }
        let decoded = Charsets.decodeReporting(trimmed, charset: nil)
        if let warning = decoded.warning { context.warn("header \(name): \(warning)") }
        return decoded.text
    }
}
