/// A Markdown (GFM) pipe table whose cells may hold any text.
struct MarkdownTable {
    var headers: [String]
    var rows: [[String]] = []

    init(_ headers: [String]) {
        self.headers = headers
    }

    mutating func add(_ cells: [String]) {
        rows.append(cells)
    }

    /// The table's lines; rows shorter than the header are padded with empty cells.
    var text: String {
        var lines = [Self.row(headers), "|" + String(repeating: "---|", count: headers.count)]
        for cells in rows {
            lines.append(Self.row(cells + Array(repeating: "", count: max(0, headers.count - cells.count))))
        }
        return lines.joined(separator: "\n")
    }

    private static func row(_ cells: [String]) -> String {
        "| " + cells.map(cell).joined(separator: " | ") + " |"
    }

    /// Text safe inside one cell: a `|` would end the cell and a newline the row.
    static func cell(_ text: String) -> String {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(whereSeparator: \.isNewline)
        return lines.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: "<br>")
    }
}
