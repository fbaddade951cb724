import Foundation
import OncallCore

/// `/web/reports`: lists of fault reports, one table per list, each row linking to its report.
/// Engineers see their own; the emergency group also sees what waits for review; managers see all.
struct ReportListPage {
    struct Option {
        let value: String
        let label: String
        let selected: Bool
    }

    /// The state filter above a table that can be narrowed.
    struct Filter {
        let states: [Option]
    }

    struct Row {
        let number: String
        let href: String
        let level: String
        let levelClass: String
        let subject: String
        let organisation: String
        let owner: String
        let state: String
        let updatedAt: String
        let submittedAt: String
    }

    struct Table {
        let heading: String
        let filter: Filter?
        let rows: [Row]
        let isEmpty: Bool
        let empty: String
        let summary: String

        init(heading: String, filter: Filter?, reports: [(postmortem: Postmortem, incident: Incident)], empty: String, format: DisplayFormat) {
            self.heading = heading
            self.filter = filter
            rows = reports.map { postmortem, incident in
                Row(
                    number: incident.id.description, href: "/web/reports/\(incident.id)",
                    level: incident.level.description, levelClass: "l\(incident.level.rawValue)",
                    subject: incident.form.subject, organisation: incident.form.organisation, owner: postmortem.owner,
                    state: Labels.reportState(postmortem.state), updatedAt: format.dateTime(postmortem.updatedAt),
                    submittedAt: format.dateTime(postmortem.submittedAt) ?? "–")
            }
            isEmpty = rows.isEmpty
            self.empty = empty
            summary = "共 \(rows.count) 份 \(rows.count) \(rows.count == 1 ? "report" : "reports")"
        }
    }

    let tables: [Table]

    static let title = "故障报告 Fault reports"

    init(tables: [Table]) {
        self.tables = tables
    }

    static func filter(_ state: Postmortem.State?) -> Filter {
        Filter(states: [Option(value: "", label: "全部 any", selected: state == nil)]
            + Postmortem.State.allCases.map { Option(value: $0.rawValue, label: Labels.reportState($0), selected: state == $0) })
    }

    /// Drafts first (what is still to write), then waiting for review, then archived; newest first within each.
    static func draftsFirst(_ reports: [(postmortem: Postmortem, incident: Incident)]) -> [(postmortem: Postmortem, incident: Incident)] {
        let rank: (Postmortem.State) -> Int = { state in
            switch state {
            case .draft: 0
            case .submitted: 1
            case .approved: 2
            }
        }
        return reports.enumerated()
            .sorted { (rank($0.element.postmortem.state), $0.offset) < (rank($1.element.postmortem.state), $1.offset) }
            .map(\.element)
    }

    func render() -> String { Self.template.render(self) }

    static let template = WebTemplate("""
        {{#tables}}
        <h2>{{heading}}</h2>
        {{#filter}}<form class="filters" method="get" action="/web/reports">
        <label>状态 State<select name="state">{{#states}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/states}}</select></label>
        <div><button type="submit">筛选 Filter</button></div>
        </form>{{/filter}}
        {{#isEmpty}}<p class="muted">{{empty}}</p>{{/isEmpty}}
        {{^isEmpty}}
        <p class="muted">{{summary}}</p>
        <div class="scroll"><table>
        <thead><tr><th>编号 Number</th><th>级别 Level</th><th>问题主题 Subject</th><th>提出单位 Organisation</th><th>负责人 Owner</th><th>报告状态 Report state</th><th>更新时间 Updated</th><th>提交时间 Submitted</th></tr></thead>
        <tbody>
        {{#rows}}<tr><td><a href="{{href}}">{{number}}</a></td><td><span class="level {{levelClass}}">{{level}}</span></td><td>{{subject}}</td><td>{{organisation}}</td><td>{{owner}}</td><td>{{state}}</td><td class="num">{{updatedAt}}</td><td class="num">{{submittedAt}}</td></tr>
        {{/rows}}
        </tbody></table></div>
        {{/isEmpty}}
        {{/tables}}
        """)
}
