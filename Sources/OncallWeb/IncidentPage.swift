import Foundation
import OncallCore

/// `/web/incidents/{id}`: the problem report form's fields, where the incident stands, and its timeline.
struct IncidentPage {
    struct Field {
        let label: String
        let value: String
    }

    struct Entry {
        let at: String
        let kind: String
        let actor: String
        let details: String
    }

    let level: String
    let levelClass: String
    let state: String
    let subject: String
    let fields: [Field]
    let timeline: [Entry]
    let reportHref: String?
    let reportState: String?

    init(incident: Incident, timeline: [TimelineEvent], report: Postmortem?, showReportLink: Bool, format: DisplayFormat) {
        let form = incident.form
        level = Labels.level(incident.level)
        levelClass = "l\(incident.level.rawValue)"
        state = Labels.state(incident.state)
        subject = form.subject
        let optional: [(String, String?)] = [
            ("编号 Number", incident.id.description),
            ("问题主题 Subject", form.subject),
            ("提出单位 Organisation", form.organisation),
            ("提出人 Reporter", form.reporter),
            ("联系方式 Contact", form.reporterContact),
            ("提出时间 Reported at", format.dateTime(incident.reportedAt)),
            ("目前情况 Situation", form.situation),
            ("问题说明 Description", form.description),
            ("时间要求 Required by", form.requiredBy),
            ("其他 Other", form.other),
            ("影响范围 Scope", form.scope.map(Labels.scope)),
            ("系统/服务 Service", form.service),
            ("客户现场 Site", form.site),
        ] + form.addedFacts.map { ("\($0.chinese) \($0.english)", $0.text) } + [
            ("故障开始 Outage began", format.dateTime(form.outageStarted)),
            ("故障结束 Outage ended", format.dateTime(form.outageEnded)),
            ("确认时间 Acknowledged", format.dateTime(incident.acknowledgedAt)),
            ("升级时间 Escalated", format.dateTime(incident.escalatedAt)),
            ("解决时间 Resolved", format.dateTime(incident.resolvedAt)),
            ("关闭时间 Closed", format.dateTime(incident.closedAt)),
            ("解决说明 Resolution", incident.resolutionSummary),
            ("报告来源 Reported by", incident.reportedBy),
        ]
        fields = optional.compactMap { label, value in
            guard let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
            return Field(label: label, value: value)
        }
        self.timeline = timeline.sorted { $0.at < $1.at }.map { event in
            let details = event.details.sorted { $0.key < $1.key }.map { key, value in
                key == "text" ? value : "\(key): \(value)"
            }
            return Entry(at: format.dateTime(event.at), kind: Labels.event(event.kind), actor: event.actor, details: details.joined(separator: " · "))
        }
        reportHref = report != nil && showReportLink ? "/web/reports/\(incident.id)" : nil
        reportState = report.map { Labels.reportState($0.state) }
    }

    func render() -> String { Self.template.render(self) }

    static let template = WebTemplate("""
        <p><span class="level {{levelClass}}">{{level}}</span> {{state}}</p>
        {{#reportHref}}<p><a href="{{reportHref}}">故障报告 Fault report</a> <span class="muted">({{reportState}})</span></p>{{/reportHref}}
        <h2>问题申报单 Report form</h2>
        <dl class="fields">
        {{#fields}}<dt>{{label}}</dt><dd>{{value}}</dd>
        {{/fields}}
        </dl>
        <h2>时间线 Timeline</h2>
        <div class="scroll"><table>
        <thead><tr><th>时间 When</th><th>事件 What</th><th>操作人 Who</th><th>详情 Details</th></tr></thead>
        <tbody>
        {{#timeline}}<tr><td class="num">{{at}}</td><td>{{kind}}</td><td>{{actor}}</td><td>{{details}}</td></tr>
        {{/timeline}}
        </tbody></table></div>
        """)
}
