import Foundation
import OncallSupport

/// A vertical bar chart drawn as inline SVG on the server: groups along the x axis (months), one
/// bar per series in each group (levels), the value written above each bar. Its text takes the
/// page's font, which has Chinese glyphs.
struct GroupedBarChart {
    struct Series {
        let name: String
        let colour: String
    }

    struct Group {
        let label: String
        /// One value per series, in the series' order.
        let values: [Int]
    }

    let title: String
    let series: [Series]
    let groups: [Group]

    func svg() -> String {
        let barWidth = 14, gap = 4, groupGap = 18, plotHeight = 140, top = 28, left = 8, bottom = 22
        let groupWidth = series.count * barWidth + (series.count - 1) * gap
        let width = left * 2 + groups.count * groupWidth + max(0, groups.count - 1) * groupGap
        let height = top + plotHeight + bottom
        let maximum = max(1, groups.flatMap(\.values).max() ?? 1)
        var svg = """
            <svg class="chart" role="img" aria-label="\(htmlEscape(title))" viewBox="0 0 \(width) \(height)" \
            width="\(width)" height="\(height)" xmlns="http://www.w3.org/2000/svg" font-size="10">
            <title>\(htmlEscape(title))</title>
            """
        var x = left
        for (offset, entry) in series.enumerated() {
            svg += "<rect x=\"\(x + offset * 56)\" y=\"4\" width=\"10\" height=\"10\" fill=\"\(entry.colour)\"/>"
            svg += "<text x=\"\(x + offset * 56 + 13)\" y=\"13\">\(htmlEscape(entry.name))</text>"
        }
        svg += "<line x1=\"\(left)\" y1=\"\(top + plotHeight)\" x2=\"\(width - left)\" y2=\"\(top + plotHeight)\" stroke=\"#888\"/>"
        for group in groups {
            for (index, value) in group.values.enumerated() where index < series.count {
                let barHeight = value == 0 ? 0 : max(1, value * plotHeight / maximum)
                let barX = x + index * (barWidth + gap)
                let barY = top + plotHeight - barHeight
                svg += "<rect x=\"\(barX)\" y=\"\(barY)\" width=\"\(barWidth)\" height=\"\(barHeight)\" fill=\"\(series[index].colour)\">"
                svg += "<title>\(htmlEscape(group.label)) \(htmlEscape(series[index].name)): \(value)</title></rect>"
                svg += "<text x=\"\(barX + barWidth / 2)\" y=\"\(barY - 3)\" text-anchor=\"middle\">\(value)</text>"
            }
            svg += "<text x=\"\(x + groupWidth / 2)\" y=\"\(top + plotHeight + 15)\" text-anchor=\"middle\">\(htmlEscape(group.label))</text>"
            x += groupWidth + groupGap
        }
        return svg + "</svg>"
    }
}
