/// RFC 3676 `format=flowed` text (Thunderbird, Apple Mail) turned back into paragraphs.
enum FlowedText {
    /// Joins soft-broken lines (those ending in a space) with the next line of the same quote
    /// depth; removes space-stuffing; with `deleteSpace` (DelSp=yes) the trailing space goes too.
    static func unflow(_ text: String, deleteSpace: Bool) -> String {
        var output: [String] = []
        var paragraph = ""
        var paragraphDepth = -1
        var open = false

        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = Substring(rawLine)
            let depth = line.prefix(while: { $0 == ">" }).count
            line = line.dropFirst(depth)
            if line.hasPrefix(" ") { line = line.dropFirst() }
            // The signature separator "-- " is never a soft break.
            let isSoft = line.hasSuffix(" ") && line != "-- "

            if open && depth != paragraphDepth {
                output.append(prefix(paragraphDepth) + paragraph)
                paragraph = ""
                open = false
            }
            var content = String(line)
            if isSoft && deleteSpace { content.removeLast() }
            paragraph += content
            paragraphDepth = depth
            if isSoft {
                open = true
            } else {
                output.append(prefix(depth) + paragraph)
                paragraph = ""
                open = false
            }
        }
        if open { output.append(prefix(paragraphDepth) + paragraph) }
        return output.joined(separator: "\n")
    }

    private static func prefix(_ depth: Int) -> String {
        depth > 0 ? String(repeating: ">", count: depth) + " " : ""
    }
}
