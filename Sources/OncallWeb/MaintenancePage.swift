import Foundation
import OncallCore

/// `/web/maintenance`: windows that hold pages now or will, and those over in the last weeks.
struct MaintenancePage {
    enum Status: String {
        case active, planned, over

        init(_ window: MaintenanceWindow, now: Date) {
            self = window.isActive(at: now) ? .active : window.startsAt > now ? .planned : .over
        }

        var label: String {
            switch self {
            case .active: "进行中 active"
            case .planned: "计划中 planned"
            case .over: "已结束 over"
            }
        }
    }

    struct Row {
        let label: String
        let status: String
        let start: String
        let end: String
        /// "Ended early by …" when someone ended it before its planned end.
        let endedEarly: String?
        let covers: String
        let reason: String
        let createdBy: String
    }

    let current: [Row]
    let hasCurrent: Bool
    let past: [Row]
    let hasPast: Bool

    static let title = "维护窗口 Maintenance windows"
    /// Past windows shown: those over within this many days.
    static let pastDays = 30

    init(windows: [MaintenanceWindow], now: Date, format: DisplayFormat) {
        func row(_ window: MaintenanceWindow, _ status: Status) -> Row {
            let services = window.services.joined(separator: ", ")
            let matchers = window.matchers.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
            let endedEarly = window.endedAt.flatMap { endedAt in
                endedAt < window.endsAt ? "提前结束 ended early \(format.dateTime(endedAt))\(window.endedBy.map { " · \($0)" } ?? "")" : nil
            }
            return Row(
                label: window.label, status: status.label, start: format.dateTime(window.startsAt),
                end: format.dateTime(window.endsAt), endedEarly: endedEarly,
                covers: [services, matchers].filter { !$0.isEmpty }.joined(separator: " · "), reason: window.reason, createdBy: window.createdBy)
        }
        let cutoff = now.addingTimeInterval(-Double(Self.pastDays) * 86_400)
        let withStatus = windows.map { ($0, Status($0, now: now)) }
        current = withStatus.filter { $0.1 != .over }.sorted { ($0.0.startsAt, $0.0.id) < ($1.0.startsAt, $1.0.id) }.map(row)
        past = withStatus.filter { $0.1 == .over && $0.0.effectiveEnd >= cutoff }
            .sorted { ($0.0.effectiveEnd, $0.0.id) > ($1.0.effectiveEnd, $1.0.id) }.map(row)
        hasCurrent = !current.isEmpty
        hasPast = !past.isEmpty
    }

    func render() -> String { Self.template.render(self) }

    static let template = WebTemplate("""
        <h2>当前与计划 Current and planned</h2>
        {{#hasCurrent}}
        <div class="scroll"><table>
        <thead><tr><th>编号 Window</th><th>状态 Status</th><th>开始 Starts</th><th>结束 Ends</th><th>范围 Covers</th><th>原因 Reason</th><th>创建人 Who</th></tr></thead>
        <tbody>
        {{#current}}<tr><td>{{label}}</td><td>{{status}}</td><td class="num">{{start}}</td><td class="num">{{end}}</td><td>{{covers}}</td><td>{{reason}}</td><td>{{createdBy}}</td></tr>
        {{/current}}
        </tbody></table></div>
        {{/hasCurrent}}
        {{^hasCurrent}}<p class="muted">没有进行中或计划中的维护窗口。No active or planned windows.</p>{{/hasCurrent}}
        <h2>最近结束 Over in the last \(pastDays) days</h2>
        {{#hasPast}}
        <div class="scroll"><table>
        <thead><tr><th>编号 Window</th><th>状态 Status</th><th>开始 Starts</th><th>结束 Ends</th><th>范围 Covers</th><th>原因 Reason</th><th>创建人 Who</th></tr></thead>
        <tbody>
        {{#past}}<tr><td>{{label}}</td><td>{{status}}</td><td class="num">{{start}}</td><td class="num">{{end}}{{#endedEarly}}<br><span class="muted">{{endedEarly}}</span>{{/endedEarly}}</td><td>{{covers}}</td><td>{{reason}}</td><td>{{createdBy}}</td></tr>
        {{/past}}
        </tbody></table></div>
        {{/hasPast}}
        {{^hasPast}}<p class="muted">最近没有结束的维护窗口。None over recently.</p>{{/hasPast}}
        """)
}
