/// One HTML-to-text conversion: the forward pass behind `HTMLText.readableText`.
struct HTMLTextRenderer {
    /// The HTML as UTF-8; markup is ASCII, so it is scanned as bytes.
    let input: [UInt8]
    /// The text so far, UTF-8.
    var output: [UInt8] = []
    /// The next input byte to read.
    var index = 0
    /// Whitespace was seen since the last text; it becomes one space before the next text.
    var pendingSpace = false
    /// Line breaks owed before the next text (2 = a blank line); owed, not written, so that
    /// nested blocks do not pile up empty lines.
    var pendingNewlines = 0
    /// Inside `pre`, whitespace is kept as written.
    var preDepth = 0
    /// Cells seen in the current table row; later cells are preceded by a tab.
    var cellInRow = 0
    /// The address of the open `<a>`, shown after its text when the text does not contain it.
    var linkHref: String?
    /// Where the open link's text starts in `output`.
    var linkTextStart = 0
    /// Hidden elements whose closing tag was found missing; later ones are not searched again.
    var unclosed: Set<String> = []
    /// Bytes that quote-aware tag scanning may still look at.
    var scanBudget: Int
    /// The last answer of `nextGreaterThan`, valid for any start up to the `>` it found.
    var greaterThanCache: (from: Int, at: Int?)?

    init(_ input: [UInt8]) {
        self.input = input
        scanBudget = 4 * input.count + 65536
    }

    /// Converts the whole input into `output`.
    mutating func run() {
        while index < input.count {
            let byte = input[index]
            if byte == UInt8(ascii: "<") {
                if handleMarkup() { continue }
                emitText(byte)
                index += 1
            } else if byte == UInt8(ascii: "&") {
                index = HTMLEntities.decode(input, at: index) { scalar in
                    self.emitScalar(scalar)
                }
            } else {
                emitText(byte)
                index += 1
            }
        }
    }

    /// Handles markup at `index` ("<"). Returns false when it is a literal "<".
    mutating func handleMarkup() -> Bool {
        let next = index + 1 < input.count ? input[index + 1] : 0
        if next == UInt8(ascii: "!") {
            // Comment (Outlook hides its conditional XML in them), doctype, CDATA.
            if startsWith("<!--", at: index) {
                index = find("-->", from: index + 4).map { $0 + 3 } ?? input.count
            } else {
                index = (ByteSearch.firstIndex(of: UInt8(ascii: ">"), in: input[...], from: index) ?? input.count - 1) + 1
            }
            return true
        }
        if next == UInt8(ascii: "?") {
            index = (ByteSearch.firstIndex(of: UInt8(ascii: ">"), in: input[...], from: index) ?? input.count - 1) + 1
            return true
        }
        let isClosing = next == UInt8(ascii: "/")
        var cursor = index + (isClosing ? 2 : 1)
        let nameStart = cursor
        while cursor < input.count, input[cursor].isASCIIAlphanumeric || input[cursor] == UInt8(ascii: ":") || input[cursor] == UInt8(ascii: "-") {
            cursor += 1
        }
        guard cursor > nameStart else { return false }
        let name = String(decoding: input[nameStart..<cursor].map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
        guard let tagEnd = findTagEnd(from: cursor) else { return false }
        let attributes = input[cursor..<tagEnd]
        index = tagEnd + 1

        if !isClosing, HTMLText.hiddenElements.contains(name) {
            let selfClosing = tagEnd > cursor && input[tagEnd - 1] == UInt8(ascii: "/")
            if selfClosing { return true }
            if !unclosed.contains(name), let close = findClosing(name, from: index) {
                index = close
            } else {
                unclosed.insert(name)
            }
            return true
        }
        element(name, isClosing: isClosing, attributes: attributes)
        return true
    }

    /// Applies a tag's effect on layout: line and paragraph breaks, table cells, list items, links.
    mutating func element(_ name: String, isClosing: Bool, attributes: ArraySlice<UInt8>) {
        switch name {
        case "br":
            pendingNewlines = min(pendingNewlines + 1, 2)
            pendingSpace = false
            if output.isEmpty { pendingNewlines = 0 }
        case "pre":
            preDepth = max(0, preDepth + (isClosing ? -1 : 1))
            requestBreak(2)
        case "tr":
            cellInRow = 0
            requestBreak(1)
        case "td", "th":
            if !isClosing {
                if cellInRow > 0, pendingNewlines == 0, !output.isEmpty { output.append(0x09) }
                pendingSpace = false
                cellInRow += 1
            }
        case "li":
            requestBreak(1)
            if !isClosing {
                flushBreaks()
                output.append(contentsOf: Array("- ".utf8))
            }
        case "a":
            if isClosing {
                if let href = linkHref {
                    let text = String(decoding: output[min(linkTextStart, output.count)...], as: UTF8.self)
                    if !text.contains(href), !href.isEmpty {
                        output.append(contentsOf: Array(" <\(href)>".utf8))
                    }
                }
                linkHref = nil
            } else if let href = attribute("href", in: attributes),
                      href.lowercased().hasPrefix("http://") || href.lowercased().hasPrefix("https://") {
                linkHref = href
                linkTextStart = output.count
            }
        default:
            if HTMLText.paragraphElements.contains(name) {
                requestBreak(2)
            } else if HTMLText.lineElements.contains(name) {
                requestBreak(1)
            }
        }
    }

    /// Owes at least `count` line breaks before the next text.
    mutating func requestBreak(_ count: Int) {
        pendingNewlines = max(pendingNewlines, count)
        pendingSpace = false
    }

    /// Writes the owed line breaks, dropping trailing spaces of the line they end.
    mutating func flushBreaks() {
        if pendingNewlines > 0 {
            if !output.isEmpty {
                while let last = output.last, last == 0x20 || last == 0x09 { output.removeLast() }
                output.append(contentsOf: [UInt8](repeating: 0x0A, count: pendingNewlines))
            }
            pendingNewlines = 0
            pendingSpace = false
        }
    }

    /// Adds one byte of text, collapsing whitespace outside `pre`.
    mutating func emitText(_ byte: UInt8) {
        let isSpace = byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
        if preDepth > 0 {
            flushBreaks()
            output.append(byte == 0x0D ? 0x0A : byte)
            return
        }
        if isSpace {
            pendingSpace = true
            return
        }
        // U+00A0 (C2 A0) counts as a space too; the second byte arrives next.
        if byte == 0xC2, index + 1 < input.count, input[index + 1] == 0xA0 {
            pendingSpace = true
            index += 1
            return
        }
        flushBreaks()
        if pendingSpace {
            if let last = output.last, last != 0x0A, last != 0x09 { output.append(0x20) }
            pendingSpace = false
        }
        output.append(byte)
    }

    /// Adds one decoded entity; `&nbsp;` counts as whitespace, invisible characters are dropped.
    mutating func emitScalar(_ scalar: Unicode.Scalar) {
        if scalar == "\u{A0}" || scalar == " " {
            if preDepth > 0 { output.append(0x20) } else { pendingSpace = true }
            return
        }
        if scalar.value == 0xAD || scalar.value == 0x200B { return }  // soft hyphen, zero-width space
        if scalar == "\n" || scalar == "\t" || scalar == "\r" {
            emitText(UInt8(scalar.value))
            return
        }
        flushBreaks()
        if pendingSpace {
            if let last = output.last, last != 0x0A, last != 0x09 { output.append(0x20) }
            pendingSpace = false
        }
        output.append(contentsOf: Array(String(scalar).utf8))
    }

    /// True when the input at `position` is the ASCII `text`.
    func startsWith(_ text: String, at position: Int) -> Bool {
        let bytes = Array(text.utf8)
        guard position + bytes.count <= input.count else { return false }
        return input[position..<(position + bytes.count)].elementsEqual(bytes)
    }

    /// The first occurrence of ASCII `needle` at or after `start`.
    func find(_ needle: String, from start: Int) -> Int? {
        let bytes = Array(needle.utf8)
        guard let first = bytes.first else { return nil }
        var position = start
        while let candidate = ByteSearch.firstIndex(of: first, in: input[...], from: position) {
            if startsWith(needle, at: candidate) { return candidate }
            position = candidate + 1
        }
        return nil
    }

    /// The index just past `</name…>`, case-insensitive.
    func findClosing(_ name: String, from start: Int) -> Int? {
        let nameBytes = Array(name.utf8)
        var position = start
        while let candidate = ByteSearch.firstIndex(of: UInt8(ascii: "<"), in: input[...], from: position) {
            let nameStart = candidate + 2
            if nameStart + nameBytes.count <= input.count, input[candidate + 1] == UInt8(ascii: "/"),
               input[nameStart..<(nameStart + nameBytes.count)].map({ $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }) == nameBytes {
                let end = ByteSearch.firstIndex(of: UInt8(ascii: ">"), in: input[...], from: nameStart) ?? input.count - 1
                return end + 1
            }
            position = candidate + 1
        }
        return nil
    }

    /// The ">" that ends a tag, honouring quoted attribute values, within 8 KiB; nil means
    /// the "<" was not markup. Quote-aware scanning draws on a budget proportional to the
    /// input; once spent, a tag simply ends at the next ">" (found through a cache), so
    /// crafted quotes cannot make the pass quadratic.
    mutating func findTagEnd(from start: Int) -> Int? {
        if scanBudget <= 0 { return nextGreaterThan(from: start) }
        var quote: UInt8?
        var position = start
        let limit = min(input.count, start + 8192)
        defer { scanBudget -= position - start }
        while position < limit {
            let byte = input[position]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == 0x22 || byte == 0x27 {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return position
            } else if byte == UInt8(ascii: "<") {
                return nil
            }
            position += 1
        }
        return nil
    }

    /// The next ">" at or after `start`, remembering the last answer: successive calls move
    /// forward, so the total search is linear.
    mutating func nextGreaterThan(from start: Int) -> Int? {
        if let cached = greaterThanCache, start >= cached.from, cached.at.map({ start <= $0 }) ?? true {
            return cached.at
        }
        let found = ByteSearch.firstIndex(of: UInt8(ascii: ">"), in: input[...], from: start)
        greaterThanCache = (start, found)
        return found
    }

    /// The value of attribute `name` in a tag's attribute bytes, entities decoded.
    func attribute(_ name: String, in attributes: ArraySlice<UInt8>) -> String? {
        let lowered = attributes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        let needle = Array(name.utf8)
        var position = 0
        while position + needle.count < lowered.count {
            let before = position == 0 ? 0x20 : lowered[position - 1]
            if (before == 0x20 || before == 0x09 || before == 0x0A || before == 0x0D),
               lowered[position..<(position + needle.count)].elementsEqual(needle) {
                var cursor = position + needle.count
                while cursor < lowered.count, lowered[cursor] == 0x20 { cursor += 1 }
                guard cursor < lowered.count, lowered[cursor] == UInt8(ascii: "=") else {
                    position += 1
                    continue
                }
                cursor += 1
                while cursor < lowered.count, lowered[cursor] == 0x20 { cursor += 1 }
                let original = Array(attributes)
                let value: ArraySlice<UInt8>
                if cursor < original.count, original[cursor] == 0x22 || original[cursor] == 0x27 {
                    let quote = original[cursor]
                    let end = original[(cursor + 1)...].firstIndex(of: quote) ?? original.count
                    value = original[(cursor + 1)..<end]
                } else {
                    let end = original[cursor...].firstIndex(where: { $0 == 0x20 || $0 == 0x3E || $0 == 0x09 }) ?? original.count
                    value = original[cursor..<end]
                }
                var decoded: [UInt8] = []
                let valueBytes = Array(value)
                var valueIndex = 0
                while valueIndex < valueBytes.count {
                    if valueBytes[valueIndex] == UInt8(ascii: "&") {
                        valueIndex = HTMLEntities.decode(valueBytes, at: valueIndex) { decoded.append(contentsOf: Array(String($0).utf8)) }
                    } else {
                        decoded.append(valueBytes[valueIndex])
                        valueIndex += 1
                    }
                }
                return String(decoding: decoded, as: UTF8.self).trimmedWhitespace
            }
            position += 1
        }
        return nil
    }

    /// The collected text: lines right-trimmed, at most one blank line in a row.
    func finish() -> String {
        let text = String(decoding: output, as: UTF8.self)
        var lines: [String] = []
        var blank = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var trimmed = Substring(line)
            while let last = trimmed.last, last == " " || last == "\t" { trimmed = trimmed.dropLast() }
            if trimmed.isEmpty {
                blank += 1
                if blank > 1 || lines.isEmpty { continue }
            } else {
                blank = 0
            }
            lines.append(String(trimmed))
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
