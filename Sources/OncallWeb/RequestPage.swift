import Foundation
import OncallCore

/// `/web/requests/{number}`: a service request's form, its release window, its promises with their
/// states, its timeline and the steps it accepts next.
struct RequestPage {
    struct Field {
        let label: String
        let value: String
    }

    struct Promise {
        let name: String
        let startedAt: String
        let dueAt: String
        let state: String
        let stateClass: String?
        /// When it was met, or when it was cancelled.
        let endedAt: String
    }

    struct Entry {
        let at: String
        let what: String
        let actor: String
        let note: String
    }

    let kind: String
    let status: String
    let fields: [Field]
    let window: String?
    let windowMovedFrom: String?
    let promises: [Promise]
    let hasPromises: Bool
    let timeline: [Entry]
    let nextSteps: String?

    static func title(_ request: ServiceRequest) -> String { "\(request.number) · \(request.form.subject)" }

    init(request: ServiceRequest, now: Date, format: DisplayFormat) {
        let form = request.form
        kind = Labels.requestKind(request.kind)
        status = Labels.requestStatus(request)
        let optional: [(String, String?)] = [
            ("编号 Number", request.number.description),
            ("类型 Kind", Labels.requestKind(request.kind)),
            ("主题 Subject", form.subject),
            ("提出单位 Organisation", form.organisation),
            ("提出人 Requester", form.requester),
            ("联系方式 Contact", form.contact),
            ("说明 Description", form.description),
            ("负责人 Owner", request.owner),
            ("承诺日期 Promised date", request.promisedDate?.description),
            ("发布原因 Reason", form.reason),
            ("修复问题 Fixes", form.fixedIssues.isEmpty ? nil : form.fixedIssues.joined(separator: "\n")),
            ("收到时间 Received", format.dateTime(form.receivedAt)),
            ("提交时间 Submitted", format.dateTime(request.submittedAt)),
            ("提交人 Submitted by", request.submittedBy),
            ("结束时间 Closed", format.dateTime(request.closedAt)),
        ]
        fields = optional.compactMap { label, value in
            guard let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
            return Field(label: label, value: value)
        }
        window = request.window.map { "\($0.day) \(Labels.weekday($0.day.weekday)) · \(format.dateTime($0.start)) – \(format.dateTime($0.end))" }
        windowMovedFrom = request.window?.movedFrom.map { "由节假日 \($0) 顺延 Moved from the holiday \($0)" }
        promises = request.deadlines.sorted { $0.dueAt < $1.dueAt }.map { deadline in
            let state = deadline.state(at: now)
            return Promise(
                name: Labels.promise(deadline.name), startedAt: format.dateTime(deadline.startedAt), dueAt: format.dateTime(deadline.dueAt),
                state: Labels.promiseState(state), stateClass: state == "missed" || state == "late" ? "missed" : nil,
                endedAt: format.dateTime(deadline.metAt ?? deadline.cancelledAt) ?? "–")
        }
        hasPromises = !promises.isEmpty
        timeline = request.timeline.sorted { $0.at < $1.at }.map { event in
            let what = switch event.what {
            case let .step(step): Labels.requestStep(step)
            case let .warned(name): "即将到期提醒 warned: \(Labels.promise(name))"
            case let .missed(name): "承诺未兑现 missed: \(Labels.promise(name))"
            }
            return Entry(at: format.dateTime(event.at), what: what, actor: event.actor, note: event.note ?? "")
        }
        let next = request.nextSteps
        nextSteps = next.isEmpty ? nil : next.map(Labels.requestStep).joined(separator: " · ")
    }

    func render() -> String { Self.template.render(self) }

    static let template = WebTemplate("""
        <p>{{kind}} · {{status}}</p>
        <h2>申请单 Request form</h2>
        <dl class="fields">
        {{#fields}}<dt>{{label}}</dt><dd>{{value}}</dd>
        {{/fields}}
        </dl>
        {{#window}}
        <h2>发布窗口 Release window</h2>
        <p>{{window}}</p>
        {{#windowMovedFrom}}<p class="muted">{{windowMovedFrom}}</p>{{/windowMovedFrom}}
        {{/window}}
        <h2>承诺 Promises</h2>
        {{#hasPromises}}
        <div class="scroll"><table>
        <thead><tr><th>承诺 Promise</th><th>开始 Started</th><th>到期 Due</th><th>状态 State</th><th>兑现/取消 Met or cancelled</th></tr></thead>
        <tbody>
        {{#promises}}<tr><td>{{name}}</td><td class="num">{{startedAt}}</td><td class="num">{{dueAt}}</td><td>{{#stateClass}}<span class="{{stateClass}}">{{state}}</span>{{/stateClass}}{{^stateClass}}{{state}}{{/stateClass}}</td><td class="num">{{endedAt}}</td></tr>
        {{/promises}}
        </tbody></table></div>
        {{/hasPromises}}
        {{^hasPromises}}<p class="muted">没有承诺。No promises.</p>{{/hasPromises}}
        <h2>时间线 Timeline</h2>
        <div class="scroll"><table>
        <thead><tr><th>时间 When</th><th>步骤 Step</th><th>操作人 Who</th><th>备注 Note</th></tr></thead>
        <tbody>
        {{#timeline}}<tr><td class="num">{{at}}</td><td>{{what}}</td><td>{{actor}}</td><td>{{note}}</td></tr>
        {{/timeline}}
        </tbody></table></div>
        <h2>下一步 Next steps</h2>
        {{#nextSteps}}<p>{{nextSteps}}</p>{{/nextSteps}}
        {{^nextSteps}}<p class="muted">已结束，没有下一步。Closed; no further steps.</p>{{/nextSteps}}
        """)
}
