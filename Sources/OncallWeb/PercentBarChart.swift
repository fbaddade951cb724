import Foundation
import OncallSupport

/// Horizontal bars from 0 to 100 % drawn as inline SVG on the server, one per labelled row
/// (a branch's SLA compliance); a row without a share shows a dash.
struct PercentBarChart {
    struct Row {
        let label: String
        /// 0...1, nil when there is nothing to measure yet.
        let share: Double?
    }

    let title: String
    let rows: [Row]

    func svg() -> String {
        let labelWidth = 120, barSpan = 200, rowHeight = 22, top = 6
        let width = labelWidth + barSpan + 48
        let height = top * 2 + max(1, rows.count) * rowHeight
        var svg = """
            <svg class="chart" role="img" aria-label="\(htmlEscape(title))" viewBox="0 0 \(width) \(height)" \
            width="\(width)" height="\(height)" xmlns="http://www.w3.org/2000/svg" font-size="11">
            <title>\(htmlEscape(title))</title>
            """
        for (index, row) in rows.enumerated() {
            let y = top + index * rowHeight
            svg += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 14)\" text-anchor=\"end\">\(htmlEscape(row.label))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(barSpan)\" height=\"14\" fill=\"#eee\"/>"
            if let share = row.share {
                let clamped = min(1, max(0, share))
                let colour = clamped >= 0.9 ? "#2e7d32" : clamped >= 0.7 ? "#f9a825" : "#c62828"
                svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(Int((clamped * Double(barSpan)).rounded()))\" height=\"14\" fill=\"\(colour)\"/>"
                svg += "<text x=\"\(labelWidth + barSpan + 6)\" y=\"\(y + 14)\">\(DisplayFormat.percent(clamped))</text>"
            } else {
                svg += "<text x=\"\(labelWidth + barSpan + 6)\" y=\"\(y + 14)\">–</text>"
            }
        }
        return svg + "</svg>"
    }
}
