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

    /// Decodes `header`, appending a warning for each charset fallback.
    ///
    /// One forward pass that keeps only the output and the run of words being gathered, so a
    /// header of any length (a 200 KB folded Subject) costs time and memory linear in it.
    static func decode(_ header: String, warnings: inout [String]) -> String {
        let bytes = Array(header.utf8)
        guard bytes.count >= 8, header.contains("=?") else { return header }
        var scanner = WordScanner(bytes: bytes)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var run = Run()
        var literalStart = 0
        while let word = scanner.next() {
            let literal = bytes[literalStart..<word.start]
            // Whitespace between two encoded words is a separator, not content (RFC 2047 §6.2),
            // and a run of words in one charset is decoded as one byte string.
            let isBlank = literal.allSatisfy { $0 == 0x20 || $0 == 0x09 }
            if run.charset != nil, isBlank {
                if !run.accepts(word.charset) { run.finish(into: &output, warnings: &warnings) }
            } else {
                run.finish(into: &output, warnings: &warnings)
                output.append(contentsOf: literal)
            }
            run.append(word)
            literalStart = word.end
        }
        guard run.charset != nil else { return header }
        run.finish(into: &output, warnings: &warnings)
        output.append(contentsOf: bytes[literalStart...])
        return String(decoding: output, as: UTF8.self)
    }

    /// One encoded word: its charset, its encoding, its payload and where it lies.
    fileprivate struct Word {
        var charset: String
        var isBase64: Bool
        var text: ArraySlice<UInt8>
        var start: Int
        var end: Int
    }

    /// The bytes of consecutive words in one charset, gathered before decoding. Base64 text is
    /// joined across words while a word leaves an incomplete quantum, because some encoders
    /// split base64 anywhere.
    private struct Run {
        var charset: String?
        private var bytes: [UInt8] = []
        private var pendingBase64: [UInt8] = []
        // Kept as a count so a long run of unaligned words is not recounted word by word.
        private var pendingSignificant = 0

        func accepts(_ other: String) -> Bool {
            charset.map { $0.caseInsensitiveCompare(other) == .orderedSame } ?? false
        }

        mutating func append(_ word: Word) {
            if charset == nil { charset = word.charset }
            if word.isBase64 {
                pendingBase64.append(contentsOf: word.text)
                pendingSignificant += word.text.count { $0 != UInt8(ascii: "=") }
                if pendingSignificant % 4 == 0 || word.text.contains(UInt8(ascii: "=")) { flushBase64() }
            } else {
                flushBase64()
                bytes.append(contentsOf: TransferDecoding.quotedPrintable(word.text, underscoreIsSpace: true))
            }
        }

        /// Decodes the run into `output` and empties it.
        mutating func finish(into output: inout [UInt8], warnings: inout [String]) {
            guard let charset else { return }
            flushBase64()
            let decoded = Charsets.decodeReporting(bytes, charset: charset)
            if let warning = decoded.warning { warnings.append("encoded word: \(warning)") }
            output.append(contentsOf: decoded.text.utf8)
            self = Run()
        }

        private mutating func flushBase64() {
            if !pendingBase64.isEmpty { bytes.append(contentsOf: TransferDecoding.base64(pendingBase64)) }
            pendingBase64.removeAll(keepingCapacity: true)
            pendingSignificant = 0
        }
    }

    /// Finds the encoded words in header bytes, left to right.
    ///
    /// Whether a candidate `=?charset?X?` is a word depends on the next `?=`, space and `=?`
    /// after its text. Candidates' texts start ever further right, so each of those searches
    /// resumes where the last one stopped: every byte is looked at a bounded number of times
    /// and a header full of `=?` fragments cannot make decoding quadratic.
    private struct WordScanner {
        let bytes: [UInt8]
        private var index = 0
        private var close = ForwardSearch()
        private var space = ForwardSearch()
        private var open = ForwardSearch()

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        /// The next encoded word, or nil at the end.
        mutating func next() -> Word? {
            let count = bytes.count
            while index + 1 < count {
                guard bytes[index] == UInt8(ascii: "="), bytes[index + 1] == UInt8(ascii: "?"),
                      let word = word(at: index)
                else {
                    index += 1
                    continue
                }
                index = word.end
                return word
            }
            return nil
        }

        /// The encoded word starting at `start`, if one is there.
        private mutating func word(at start: Int) -> Word? {
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
            let bytes = bytes
            let closeAt = close.first(from: textStart, in: count) { bytes[$0] == UInt8(ascii: "?") && $0 + 1 < count && bytes[$0 + 1] == UInt8(ascii: "=") }
            guard closeAt < count else { return nil }
            // Spaces inside the text break the word, except in "Q" words whose closing "?=" comes
            // before any other word starts (some mailers put literal spaces there).
            if space.first(from: textStart, in: count, where: { bytes[$0] == 0x20 || bytes[$0] == 0x09 }) < closeAt {
                let nextOpen = open.first(from: textStart, in: count) { bytes[$0] == UInt8(ascii: "=") && $0 + 1 < count && bytes[$0 + 1] == UInt8(ascii: "?") }
                guard !isBase64, nextOpen > closeAt else { return nil }
            }
            return Word(charset: charset, isBase64: isBase64, text: bytes[textStart..<closeAt], start: start, end: closeAt + 2)
        }
    }

    /// The first position at or after a query where a condition holds (`end` if none),
    /// remembering the answer: while queries move forward, no position is examined twice.
    private struct ForwardSearch {
        private var from = 0
        private var found = -1

        mutating func first(from query: Int, in end: Int, where matches: (Int) -> Bool) -> Int {
            if query >= from, query <= found { return found }
            var position = query
            while position < end, !matches(position) { position += 1 }
            from = query
            found = position
            return position
        }
    }
}
