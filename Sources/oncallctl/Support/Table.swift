/// A plain-text table whose columns line up by display width (CJK characters take two columns).
struct Table {
    var headers: [String]
    var rows: [[String]]
    /// The widest each column may be; longer cells are cut with "…". Missing entries mean no limit.
    var maxWidths: [Int?] = []
    /// What goes between columns.
    var separator = "  "

    /// The lines of the table, header first; no line has trailing spaces.
    func render() -> [String] {
        let columnCount = ([headers.count] + rows.map(\.count)).max() ?? 0
        let cleanRows = ([headers] + rows).map { row in
            (0..<columnCount).map { index in
                let cell = index < row.count ? Self.singleLine(row[index]) : ""
                if index < maxWidths.count, let limit = maxWidths[index] { return truncate(cell, toWidth: limit) }
                return cell
            }
        }
        let widths = (0..<columnCount).map { index in cleanRows.map { displayWidth($0[index]) }.max() ?? 0 }
        return cleanRows.map { row in
            var line = ""
            for (index, cell) in row.enumerated() {
                if index > 0 { line += separator }
                line += index == columnCount - 1 ? cell : pad(cell, toWidth: widths[index])
            }
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// `text` on one line: line breaks, tabs and other control characters become spaces.
    static func singleLine(_ text: String) -> String {
        String(text.map { $0.isNewline || $0.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } ? " " : $0 })
    }
}
