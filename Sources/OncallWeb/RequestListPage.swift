import Foundation
import OncallCore

/// `/web/requests`: service requests newest first, narrowed by state and kind, each with the promise
/// that falls due next; and the share of promises kept per kind and month.
struct RequestListPage {
    struct Option {
        let value: String
        let label: String
        let selected: Bool
    }

    struct Row {
        let number: String
        let href: String
        let kind: String
        let status: String
        let lastStep: String
        let owner: String
        /// The open promise due first, nil when none is open.
        let nextDue: String?
        let nextPromise: String?
        /// Its due time has passed without it being met.
        let missed: Bool
        let subject: String
    }

    struct StatisticsRow {
        let kind: String
        let month: String
        let kept: Int
        let missed: Int
        let open: Int
        let keptShare: String
    }

    let states: [Option]
    let kinds: [Option]
    let error: String?
    let rows: [Row]
    let isEmpty: Bool
    let summary: String
    let statistics: [StatisticsRow]
    let hasStatistics: Bool
    let statisticsSince: String

    static let title = "服务请求 Service requests"
    /// How far back the promises table reaches: this month and the five before it.
    static let statisticsMonths = 6

    init(
        filters: RequestFilters, requests: [ServiceRequest], statistics: RequestStatistics, statisticsSince: MonthPeriod,
        error: String? = nil, now: Date, format: DisplayFormat
    ) {
        states = [
            Option(value: "", label: "全部 any", selected: filters.open == nil),
            Option(value: "open", label: "处理中 open", selected: filters.open == true),
            Option(value: "closed", label: "已结束 closed", selected: filters.open == false),
        ]
        kinds = [Option(value: "", label: "全部 any", selected: filters.kind == nil)]
            + RequestKind.allCases.map { Option(value: $0.rawValue, label: Labels.requestKind($0), selected: filters.kind == $0) }
        self.error = error
        rows = requests.sorted { ($0.submittedAt, $0.number) > ($1.submittedAt, $1.number) }.map { request in
            let next = request.deadlines.filter(\.isOpen).min { $0.dueAt < $1.dueAt }
            return Row(
                number: request.number.description, href: "/web/requests/\(request.number)", kind: Labels.requestKind(request.kind),
                status: Labels.requestStatus(request), lastStep: request.lastStep.map(Labels.requestStep) ?? "–",
                owner: request.owner ?? "–", nextDue: next.map { format.dateTime($0.dueAt) }, nextPromise: next.map { Labels.promise($0.name) },
                missed: next.map { $0.state(at: now) == "missed" } ?? false, subject: request.form.subject)
        }
        isEmpty = rows.isEmpty
        let count = rows.count
        summary = count >= RequestFilters.limit ? "显示前 \(count) 条 First \(count) shown" : "共 \(count) 条 \(count) found"
        self.statistics = statistics.rows.map { row in
            StatisticsRow(
                kind: Labels.requestKind(row.kind), month: row.month, kept: row.kept, missed: row.missed, open: row.open,
                keptShare: row.keptShare.map(DisplayFormat.percent) ?? "–")
        }
        hasStatistics = !self.statistics.isEmpty
        self.statisticsSince = statisticsSince.text
    }

    func render() -> String { Self.template.render(self) }

    static let template = WebTemplate("""
        <form class="filters" method="get" action="/web/requests">
        <label>状态 State<select name="state">{{#states}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/states}}</select></label>
        <label>类型 Kind<select name="kind">{{#kinds}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/kinds}}</select></label>
        <div><button type="submit">筛选 Filter</button></div>
        </form>
        {{#error}}<p class="notice" role="alert">{{error}}</p>{{/error}}
        {{#isEmpty}}<p class="muted">没有服务请求。No service requests.</p>{{/isEmpty}}
        {{^isEmpty}}
        <p class="muted">{{summary}}</p>
        <div class="scroll"><table>
        <thead><tr><th>编号 Number</th><th>类型 Kind</th><th>状态 Status</th><th>负责人 Owner</th><th>下一承诺 Next promise due</th><th>主题 Subject</th></tr></thead>
        <tbody>
        {{#rows}}<tr><td><a href="{{href}}">{{number}}</a></td><td>{{kind}}</td><td>{{status}} <span class="muted">{{lastStep}}</span></td><td>{{owner}}</td><td class="num">{{#nextDue}}<span{{#missed}} class="missed"{{/missed}} title="{{nextPromise}}">{{nextDue}}</span>{{/nextDue}}{{^nextDue}}–{{/nextDue}}</td><td>{{subject}}</td></tr>
        {{/rows}}
        </tbody></table></div>
        {{/isEmpty}}
        <h2>承诺兑现 Promises kept per kind and month</h2>
        <p class="muted">自 {{statisticsSince}} 起提交的请求 Requests submitted since {{statisticsSince}}</p>
        {{#hasStatistics}}
        <div class="scroll"><table>
        <thead><tr><th>类型 Kind</th><th>月份 Month</th><th>按时 Kept</th><th>未按时 Missed</th><th>未到期 Open</th><th>兑现率 Kept share</th></tr></thead>
        <tbody>
        {{#statistics}}<tr><td>{{kind}}</td><td class="num">{{month}}</td><td class="num">{{kept}}</td><td class="num">{{missed}}</td><td class="num">{{open}}</td><td class="num">{{keptShare}}</td></tr>
        {{/statistics}}
        </tbody></table></div>
        {{/hasStatistics}}
        {{^hasStatistics}}<p class="muted">还没有承诺。No promises yet.</p>{{/hasStatistics}}
        """)
}
