/// RFC 2047 encoded words (`=?gb2312?B?xxxx?=`) in header text.
///
/// Decoding is deliberately lenient in the ways real mailers need: words are found even when
/// glued to other text; "Q" words may contain spaces; whitespace between two encoded words is
/// dropped; and consecutive words in the same charset are decoded as one byte string, so a
/// multi-byte character split across two words (as Outlook and Foxmail do with GBK) comes out
/// whole. Unknown charsets and invalid bytes go through `Charsets`' fallback.
public enum EncodedWords {
    /// `header` with every encoded word decoded.
    public static func decode(_ header: String) -> String {
        var warnings: [String] = []
        return decode(header, warnings: &warnings)
    }

    /// One piece of a header value: literal text, or the payload of an encoded word.
    fileprivate enum Segment {
        case literal(ArraySlice<UInt8>)
        case encoded(charset: String, isBase64: Bool, text: ArraySlice<UInt8>)
    }

    /// Decodes `header`, appending a warning for each charset fallback.
    static func decode(_ header: String, warnings: inout [String]) -> String {
        let bytes = Array(header.utf8)
        guard bytes.count >= 8, header.contains("=?") else { return header }
        let segments = split(bytes)
        guard segments.contains(where: { if case .encoded = $0 { true } else { false } }) else { return header }

        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < segments.count {
            switch segments[index] {
            case let .literal(text):
                // Whitespace between two encoded words is a separator, not content (RFC 2047 §6.2).
                let isBlank = text.allSatisfy { $0 == 0x20 || $0 == 0x09 }
                let betweenWords = index > 0 && index + 1 < segments.count
                    && segments[index - 1].isEncoded && segments[index + 1].isEncoded
                if !(isBlank && betweenWords) { output.append(contentsOf: text) }
                index += 1
            case let .encoded(charset, _, _):
                // Gather the run of encoded words in this charset (blank literals in between).
                var run: [(isBase64: Bool, text: ArraySlice<UInt8>)] = []
                var next = index
                while next < segments.count {
                    if case let .encoded(other, isBase64, text) = segments[next], sameCharset(other, charset) {
                        run.append((isBase64, text))
                        next += 1
                    } else if case let .literal(text) = segments[next], text.allSatisfy({ $0 == 0x20 || $0 == 0x09 }),
                              next + 1 < segments.count, case let .encoded(other, _, _) = segments[next + 1],
                              sameCharset(other, charset) {
                        next += 1
                    } else {
                        break
                    }
                }
                let decoded = Charsets.decodeReporting(payload(of: run), charset: charset)
                if let warning = decoded.warning { warnings.append("encoded word: \(warning)") }
                output.append(contentsOf: decoded.text.utf8)
                index = next
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The bytes of a run of same-charset words. Base64 text is joined across words while a
    /// word leaves an incomplete quantum, because some encoders split base64 anywhere.
    private static func payload(of run: [(isBase64: Bool, text: ArraySlice<UInt8>)]) -> [UInt8] {
        var bytes: [UInt8] = []
        var pendingBase64: [UInt8] = []
        func flush() {
            if !pendingBase64.isEmpty { bytes.append(contentsOf: TransferDecoding.base64(pendingBase64)) }
            pendingBase64.removeAll()
        }
        for word in run {
            if word.isBase64 {
                pendingBase64.append(contentsOf: word.text)
                let significant = pendingBase64.count { $0 != UInt8(ascii: "=") }
                if significant % 4 == 0 || word.text.contains(UInt8(ascii: "=")) { flush() }
            } else {
                flush()
                bytes.append(contentsOf: TransferDecoding.quotedPrintable(word.text, underscoreIsSpace: true))
            }
        }
        flush()
        return bytes
    }

    private static func sameCharset(_ left: String, _ right: String) -> Bool {
        left.caseInsensitiveCompare(right) == .orderedSame
    }

    /// Splits header bytes into literal text and encoded words in one pass.
    ///
    /// `nextClose[i]` (the next `?=` at or after i) and `nextSpace[i]` are precomputed from the
    /// end, so each candidate word is checked in constant time and a header full of `=?`
    /// fragments cannot make decoding quadratic.
    private static func split(_ bytes: [UInt8]) -> [Segment] {
        let count = bytes.count
        var nextClose = [Int](repeating: count, count: count + 1)
        var nextSpace = [Int](repeating: count, count: count + 1)
        var nextOpen = [Int](repeating: count, count: count + 1)
        if count >= 1 {
            for i in stride(from: count - 1, through: 0, by: -1) {
                nextClose[i] = i + 1 < count && bytes[i] == UInt8(ascii: "?") && bytes[i + 1] == UInt8(ascii: "=") ? i : nextClose[i + 1]
                nextSpace[i] = bytes[i] == 0x20 || bytes[i] == 0x09 ? i : nextSpace[i + 1]
                nextOpen[i] = i + 1 < count && bytes[i] == UInt8(ascii: "=") && bytes[i + 1] == UInt8(ascii: "?") ? i : nextOpen[i + 1]
            }
        }

        var segments: [Segment] = []
        var literalStart = 0
        var index = 0
        while index + 1 < count {
            guard bytes[index] == UInt8(ascii: "="), bytes[index + 1] == UInt8(ascii: "?"),
                  let word = parseWord(bytes, at: index, nextClose: nextClose, nextSpace: nextSpace, nextOpen: nextOpen)
            else {
                index += 1
                continue
            }
            if literalStart < index { segments.append(.literal(bytes[literalStart..<index])) }
            segments.append(word.segment)
            index = word.end
            literalStart = index
        }
        if literalStart < count { segments.append(.literal(bytes[literalStart..<count])) }
        return segments
    }

    /// The encoded word starting at `start` and the index just past it, if one is there.
    private static func parseWord(
        _ bytes: [UInt8], at start: Int, nextClose: [Int], nextSpace: [Int], nextOpen: [Int]
    ) -> (segment: Segment, end: Int)? {
        let count = bytes.count
        // Charset: printable ASCII without "?" or space, at most 64 characters.
        var cursor = start + 2
        while cursor < count, cursor - start - 2 <= 64, bytes[cursor] != UInt8(ascii: "?"),
              bytes[cursor] > 0x20, bytes[cursor] < 0x7F {
            cursor += 1
        }
        guard cursor < count, bytes[cursor] == UInt8(ascii: "?"), cursor > start + 2, cursor - start - 2 <= 64 else {
            return nil
        }
        let charset = String(decoding: bytes[(start + 2)..<cursor], as: UTF8.self)
        guard cursor + 2 < count, bytes[cursor + 2] == UInt8(ascii: "?") else { return nil }
        let isBase64: Bool
        switch bytes[cursor + 1] {
        case UInt8(ascii: "B"), UInt8(ascii: "b"): isBase64 = true
        case UInt8(ascii: "Q"), UInt8(ascii: "q"): isBase64 = false
        default: return nil
        }
        let textStart = cursor + 3
        guard textStart <= count else { return nil }
        let close = nextClose[textStart]
        guard close < count else { return nil }
        // Spaces inside the text break the word, except in "Q" words whose closing "?=" comes
        // before any other word starts (some mailers put literal spaces there).
        if nextSpace[textStart] < close {
            guard !isBase64, nextOpen[textStart] > close else { return nil }
        }
        return (.encoded(charset: charset, isBase64: isBase64, text: bytes[textStart..<close]), close + 2)
    }
}

extension EncodedWords.Segment {
    fileprivate var isEncoded: Bool {
        if case .encoded = self { true } else { false }
    }
}
