import Foundation
import OncallCore

/// `/web/stats?month=YYYY-MM`: the month's response times by level and SLA compliance by branch,
/// with charts of the incidents per level over the last six months and of compliance per branch.
struct StatisticsPage {
    static let months = 6

    struct LevelRow {
        let level: String
        let levelClass: String
        let count: Int
        let meanToAcknowledge: String
        let p90ToAcknowledge: String
        let meanToResolve: String
        let p90ToResolve: String
        let escalationRate: String
    }

    struct BranchRow {
        let branch: String
        let visits: Int
        let met: Int
        let missed: Int
        let pending: Int
        let compliance: String
    }

    struct MonthRow {
        let month: String
        let href: String
        let counts: [Int]
        let total: Int
    }

    let month: String
    let previousHref: String
    let nextHref: String?
    let levels: [LevelRow]
    let branches: [BranchRow]
    let hasBranches: Bool
    let history: [MonthRow]
    /// Inline SVG built here; labels in it are escaped.
    let levelChart: String
    let complianceChart: String?

    static let title = "统计 Statistics"

    /// `statistics` covers the six months that end with `month`.
    init(month: MonthPeriod, current: MonthPeriod, statistics: IncidentStatistics) {
        self.month = month.text
        previousHref = "/web/stats?month=\(month.adding(months: -1).text)"
        nextHref = month < current ? "/web/stats?month=\(month.adding(months: 1).text)" : nil
        let ofMonth = statistics.levels.filter { $0.month == month.text }
        levels = Level.allCases.map { level in
            let figures = ofMonth.first { $0.level == level } ?? LevelFigures(month: month.text, level: level, count: 0, escalated: 0)
            return LevelRow(
                level: Labels.level(level), levelClass: "l\(level.rawValue)", count: figures.count,
                meanToAcknowledge: DisplayFormat.duration(figures.meanToAcknowledge), p90ToAcknowledge: DisplayFormat.duration(figures.p90ToAcknowledge),
                meanToResolve: DisplayFormat.duration(figures.meanToResolve), p90ToResolve: DisplayFormat.duration(figures.p90ToResolve),
                escalationRate: figures.count == 0 ? "–" : "\(DisplayFormat.percent(figures.escalationRate)) (\(figures.escalated)/\(figures.count))")
        }
        let branchesOfMonth = statistics.branches.filter { $0.month == month.text }.sorted { $0.branch < $1.branch }
        branches = branchesOfMonth.map { branch in
            BranchRow(
                branch: branch.branch, visits: branch.visits, met: branch.met, missed: branch.missed, pending: branch.pending,
                compliance: branch.compliance.map(DisplayFormat.percent) ?? "–")
        }
        hasBranches = !branches.isEmpty
        let periods = (0..<Self.months).reversed().map { month.adding(months: -$0) }
        history = periods.map { period in
            let counts = Level.allCases.map { level in
                statistics.levels.first { $0.month == period.text && $0.level == level }?.count ?? 0
            }
            return MonthRow(month: period.text, href: "/web/stats?month=\(period.text)", counts: counts, total: counts.reduce(0, +))
        }
        levelChart = GroupedBarChart(
            title: "每月各级别事件数 Incidents per level per month",
            series: [.init(name: "L1", colour: "#c62828"), .init(name: "L2", colour: "#ef6c00"), .init(name: "L3", colour: "#546e7a")],
            groups: history.map { GroupedBarChart.Group(label: $0.month, values: $0.counts) }
        ).svg()
        complianceChart = branchesOfMonth.isEmpty ? nil : PercentBarChart(
            title: "各分支机构到场达标率 Arrival SLA compliance per branch",
            rows: branchesOfMonth.map { PercentBarChart.Row(label: $0.branch, share: $0.compliance) }
        ).svg()
    }

    func render() -> String { Self.template.render(self) }

    static let template = WebTemplate("""
        <form method="get" action="/web/stats"><p>
        <a href="{{previousHref}}">‹ 上月 Previous</a>
        <label style="display:inline">月份 Month <input type="month" name="month" value="{{month}}" style="width:auto"></label>
        <button type="submit">查看 Show</button>
        {{#nextHref}}<a href="{{nextHref}}">下月 Next ›</a>{{/nextHref}}
        </p></form>
        <h2>{{month}} 响应时间 Response by level</h2>
        <div class="scroll"><table>
        <thead><tr><th>级别 Level</th><th>事件数 Count</th><th>平均确认 Mean to acknowledge</th><th>P90 确认</th><th>平均解决 Mean to resolve</th><th>P90 解决</th><th>升级率 Escalated</th></tr></thead>
        <tbody>
        {{#levels}}<tr><td><span class="level {{levelClass}}">{{level}}</span></td><td class="num">{{count}}</td><td class="num">{{meanToAcknowledge}}</td><td class="num">{{p90ToAcknowledge}}</td><td class="num">{{meanToResolve}}</td><td class="num">{{p90ToResolve}}</td><td class="num">{{escalationRate}}</td></tr>
        {{/levels}}
        </tbody></table></div>
        <h2>{{month}} 到场达标 Field visits by branch</h2>
        {{#hasBranches}}
        <div class="scroll"><table>
        <thead><tr><th>分支机构 Branch</th><th>派工 Visits</th><th>按时 Met</th><th>超时 Missed</th><th>未定 Pending</th><th>达标率 Compliance</th></tr></thead>
        <tbody>
        {{#branches}}<tr><td>{{branch}}</td><td class="num">{{visits}}</td><td class="num">{{met}}</td><td class="num">{{missed}}</td><td class="num">{{pending}}</td><td class="num">{{compliance}}</td></tr>
        {{/branches}}
        </tbody></table></div>
        {{/hasBranches}}
        {{^hasBranches}}<p class="muted">本月没有派工。No field visits this month.</p>{{/hasBranches}}
        <h2>图表 Charts</h2>
        <div class="grid">
        <figure>{{{levelChart}}}<figcaption class="muted">近 6 个月 Last six months</figcaption></figure>
        {{#complianceChart}}<figure>{{{complianceChart}}}<figcaption class="muted">{{month}}</figcaption></figure>{{/complianceChart}}
        </div>
        <h2>近 6 个月 Last six months</h2>
        <div class="scroll"><table>
        <thead><tr><th>月份 Month</th><th>L1</th><th>L2</th><th>L3</th><th>合计 Total</th></tr></thead>
        <tbody>
        {{#history}}<tr><td><a href="{{href}}">{{month}}</a></td>{{#counts}}<td class="num">{{.}}</td>{{/counts}}<td class="num">{{total}}</td></tr>
        {{/history}}
        </tbody></table></div>
        """)
}
