/// Splits a multipart body at its boundary delimiter lines (RFC 2046 §5.1.1).
///
/// One pass over the lines, using `memchr` to find each line end and comparing only lines that
/// start with `--`, so the cost is linear in the body however many parts or near-boundaries it
/// holds. A delimiter line is `--boundary`, optionally `--` (the close), then only whitespace:
/// that strictness matters when a nested part's boundary extends its parent's (`abc`, `abc_1`).
enum BoundaryScanner {
    /// The outcome of a split.
    struct Split {
        /// The body of each part, without the line break that belongs to the next delimiter.
        var parts: [ArraySlice<UInt8>]
        /// Whether the closing delimiter `--boundary--` was found.
        var closed: Bool
    }

    /// The parts of `body` delimited by `boundary`. Stops early, returning nil, once more than
    /// `maxParts` parts have been found, so a message with a million tiny parts costs nothing.
    static func split(_ body: ArraySlice<UInt8>, boundary: [UInt8], maxParts: Int) -> Split? {
        var parts: [ArraySlice<UInt8>] = []
        var partStart: Int?
        var lineStart = body.startIndex
        let end = body.endIndex
        let dash = UInt8(ascii: "-")
        while lineStart < end {
            let newline = ByteSearch.firstIndex(of: 0x0A, in: body, from: lineStart) ?? end
            let markerEnd = lineStart + 2 + boundary.count
            if markerEnd <= newline, body[lineStart] == dash, body[lineStart + 1] == dash,
               body[(lineStart + 2)..<markerEnd].elementsEqual(boundary) {
                var cursor = markerEnd
                var closing = false
                if cursor + 2 <= newline, body[cursor] == dash, body[cursor + 1] == dash {
                    closing = true
                    cursor += 2
                }
                let restIsBlank = body[cursor..<newline].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
                if restIsBlank {
                    if let start = partStart {
                        // The line break before a delimiter belongs to the delimiter.
                        var partEnd = lineStart
                        if partEnd > start, body[partEnd - 1] == 0x0A { partEnd -= 1 }
                        if partEnd > start, body[partEnd - 1] == 0x0D { partEnd -= 1 }
                        parts.append(body[start..<partEnd])
                        if parts.count > maxParts { return nil }
                    }
                    if closing { return Split(parts: parts, closed: true) }
                    partStart = newline < end ? newline + 1 : end
                }
            }
            guard newline < end else { break }
            lineStart = newline + 1
        }
        if let start = partStart {
            parts.append(body[start..<end])
            if parts.count > maxParts { return nil }
        }
        return Split(parts: parts, closed: false)
    }

    /// A boundary guessed from the first line that looks like a delimiter, for multiparts that
    /// forgot the parameter.
    static func guess(_ body: ArraySlice<UInt8>) -> [UInt8]? {
        var lineStart = body.startIndex
        let end = body.endIndex
        var linesChecked = 0
        while lineStart < end, linesChecked < 200 {
            let newline = ByteSearch.firstIndex(of: 0x0A, in: body, from: lineStart) ?? end
            var lineEnd = newline
            while lineEnd > lineStart, body[lineEnd - 1] == 0x0D || body[lineEnd - 1] == 0x20 || body[lineEnd - 1] == 0x09 { lineEnd -= 1 }
            let line = body[lineStart..<lineEnd]
            if line.count > 2, line.count <= 200, line.starts(with: [0x2D, 0x2D]),
               !line.dropFirst(2).contains(where: { $0 <= 0x20 || $0 >= 0x7F }) {
                return Array(line.dropFirst(2))
            }
            linesChecked += 1
            guard newline < end else { break }
            lineStart = newline + 1
        }
        return nil
    }
}
