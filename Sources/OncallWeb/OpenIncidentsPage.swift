import Foundation
import OncallCore

/// `/web`: incidents not yet resolved, most severe and oldest first.
struct OpenIncidentsPage {
    struct Row {
        let level: String
        let levelClass: String
        let number: String
        let href: String
        let subject: String
        let organisation: String
        let state: String
        let age: String
        let reportedAt: String
    }

    let rows: [Row]
    let isEmpty: Bool
    /// "You have N reports to write", nil when the viewer has no drafts.
    let drafts: String?

    static let title = "未结事件 Open incidents"

    init(incidents: [Incident], draftsToWrite: Int = 0, now: Date, format: DisplayFormat) {
        drafts = draftsToWrite > 0
            ? "你有 \(draftsToWrite) 份报告待填写 You have \(draftsToWrite) \(draftsToWrite == 1 ? "report" : "reports") to write" : nil
        rows = incidents
            .sorted { ($0.level.rawValue, $0.reportedAt, $0.id) < ($1.level.rawValue, $1.reportedAt, $1.id) }
            .map { incident in
                Row(
                    level: incident.level.description, levelClass: "l\(incident.level.rawValue)", number: incident.id.description,
                    href: "/web/incidents/\(incident.id)", subject: incident.form.subject, organisation: incident.form.organisation,
                    state: Labels.state(incident.state), age: DisplayFormat.duration(now.timeIntervalSince(incident.reportedAt)),
                    reportedAt: format.dateTime(incident.reportedAt))
            }
        isEmpty = rows.isEmpty
    }

    func render() -> String { Self.template.render(self) }

    static let template = WebTemplate("""
        {{#drafts}}<p><a href="/web/reports?state=draft">{{drafts}}</a></p>{{/drafts}}
        {{#isEmpty}}<p class="muted">没有未结事件。No open incidents.</p>{{/isEmpty}}
        {{^isEmpty}}
        <div class="scroll"><table>
        <thead><tr><th>级别 Level</th><th>编号 Number</th><th>问题主题 Subject</th><th>提出单位 Organisation</th><th>状态 State</th><th>已持续 Age</th></tr></thead>
        <tbody>
        {{#rows}}<tr><td><span class="level {{levelClass}}">{{level}}</span></td><td><a href="{{href}}">{{number}}</a></td><td>{{subject}}</td><td>{{organisation}}</td><td>{{state}}</td><td class="num" title="{{reportedAt}}">{{age}}</td></tr>
        {{/rows}}
        </tbody></table></div>
        {{/isEmpty}}
        """)
}
