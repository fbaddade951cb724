import Foundation
import OncallCore

/// `/web/archive`: the filter form and the incidents found, each with the passage that matched.
struct ArchivePage {
    struct Option {
        let value: String
        let label: String
        let selected: Bool
    }

    struct Row {
        let level: String
        let levelClass: String
        let number: String
        let href: String
        let subject: String
        let organisation: String
        let state: String
        let reportedAt: String
        let reportHref: String?
        let reportState: String?
        /// Escaped text with `<mark>` around the matches.
        let snippet: String?
    }

    let text: String
    let month: String
    let organisation: String
    let service: String
    let levels: [Option]
    let states: [Option]
    let reportStates: [Option]
    let error: String?
    let rows: [Row]
    let searched: Bool
    let summary: String

    static let title = "档案 Archive"

    init(filters: ArchiveFilters, hits: [ArchiveHit]?, error: String?, format: DisplayFormat) {
        text = filters.text ?? ""
        month = filters.month?.text ?? ""
        organisation = filters.organisation ?? ""
        service = filters.service ?? ""
        levels = [Option(value: "", label: "全部 any", selected: filters.level == nil)]
            + Level.allCases.map { Option(value: "\($0.rawValue)", label: Labels.level($0), selected: filters.level == $0) }
        states = [Option(value: "", label: "全部 any", selected: filters.state == nil)]
            + IncidentState.allCases.map { Option(value: $0.rawValue, label: Labels.state($0), selected: filters.state == $0) }
        reportStates = [Option(value: "", label: "全部 any", selected: filters.reportState == nil)]
            + Postmortem.State.allCases.map { Option(value: $0.rawValue, label: Labels.reportState($0), selected: filters.reportState == $0) }
        self.error = error
        let terms = filters.terms
        rows = (hits ?? []).map { hit in
            let incident = hit.incident
            return Row(
                level: incident.level.description, levelClass: "l\(incident.level.rawValue)", number: incident.id.description,
                href: "/web/incidents/\(incident.id)", subject: incident.form.subject, organisation: incident.form.organisation,
                state: Labels.state(incident.state), reportedAt: format.dateTime(incident.reportedAt),
                reportHref: hit.reportState == nil ? nil : "/web/reports/\(incident.id)",
                reportState: hit.reportState.map(Labels.reportState),
                snippet: hit.snippet.isEmpty ? nil : SnippetMarkup.html(hit.snippet, terms: terms))
        }
        searched = hits != nil
        let count = hits?.count ?? 0
        summary = count >= ArchiveFilters.limit ? "显示前 \(count) 条 First \(count) shown" : "共 \(count) 条 \(count) found"
    }

    func render() -> String { Self.template.render(self) }

    static let template = WebTemplate("""
        <form class="filters" method="get" action="/web/archive">
        <label>关键词 Words<input type="search" name="q" value="{{text}}"></label>
        <label>级别 Level<select name="level">{{#levels}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/levels}}</select></label>
        <label>状态 State<select name="state">{{#states}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/states}}</select></label>
        <label>报告 Report<select name="report">{{#reportStates}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/reportStates}}</select></label>
        <label>月份 Month<input type="month" name="month" value="{{month}}" placeholder="YYYY-MM"></label>
        <label>提出单位 Organisation<input type="text" name="org" value="{{organisation}}"></label>
        <label>系统/服务 Service<input type="text" name="service" value="{{service}}"></label>
        <div><button type="submit">搜索 Search</button></div>
        </form>
        {{#error}}<p class="notice" role="alert">{{error}}</p>{{/error}}
        {{#searched}}
        <p class="muted">{{summary}}</p>
        <div class="scroll"><table>
        <thead><tr><th>级别 Level</th><th>编号 Number</th><th>问题主题 Subject</th><th>提出单位 Organisation</th><th>状态 State</th><th>提出时间 Reported</th><th>报告 Report</th><th>摘录 Match</th></tr></thead>
        <tbody>
        {{#rows}}<tr><td><span class="level {{levelClass}}">{{level}}</span></td><td><a href="{{href}}">{{number}}</a></td><td>{{subject}}</td><td>{{organisation}}</td><td>{{state}}</td><td class="num">{{reportedAt}}</td><td>{{#reportHref}}<a href="{{reportHref}}">{{reportState}}</a>{{/reportHref}}{{^reportHref}}–{{/reportHref}}</td><td>{{{snippet}}}</td></tr>
        {{/rows}}
        </tbody></table></div>
        {{/searched}}
        """)
}
