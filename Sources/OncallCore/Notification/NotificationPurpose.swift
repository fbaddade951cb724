/// Why a message is sent; it leads the message's wording.
public enum NotificationPurpose: Sendable, Equatable {
    case reported
    /// The `number`-th of `of` reminders to people who have not acknowledged.
    case reminder(number: Int, of: Int)
    case escalated
    case relevelled(from: Level, to: Level)
    case resolved
    /// A field engineer is sent (to that engineer).
    case dispatched
    /// A visit changed: declined, cancelled, completed (to the project managers).
    case visit(step: VisitEvent.Kind)
    /// Visit deadlines were missed.
    case slaBreach(deadlines: [DispatchDeadlineKind])
    /// A fault-report step: drafted, submitted, rejected, approved, reminded.
    case postmortem(step: TimelineFacts.PostmortemStep.Step)

    /// A short label, e.g. `new fault`, `reminder 2/3`.
    public var label: String {
        switch self {
        case .reported: "new fault"
        case let .reminder(number, of): "reminder \(number)/\(of): not yet acknowledged"
        case .escalated: "escalated to the emergency group"
        case let .relevelled(from, to): "level raised from \(from) to \(to)"
        case .resolved: "resolved"
        case .dispatched: "you are dispatched on site"
        case let .visit(step): "field visit \(step.rawValue)"
        case let .slaBreach(deadlines): "field visit \(Self.list(deadlines)) deadline missed"
        case let .postmortem(step):
            switch step {
            case .drafted: "fault report to write"
            case .edited: "fault report edited"
            case .submitted: "fault report to review"
            case .rejected: "fault report sent back"
            case .approved: "fault report approved and archived"
            case .reminded: "reminder: fault report not submitted"
            }
        }
    }

    /// The same label in Chinese, for the first line of chat messages.
    public var chineseLabel: String {
        switch self {
        case .reported: "新故障"
        case let .reminder(number, of): "第 \(number)/\(of) 次提醒：尚未确认"
        case .escalated: "已升级至应急小组"
        case let .relevelled(from, to): "故障等级由 \(from) 升为 \(to)"
        case .resolved: "已解决"
        case .dispatched: "现场派工"
        case let .visit(step): "现场服务：\(step.rawValue)"
        case let .slaBreach(deadlines): "现场服务超时（\(Self.list(deadlines))）"
        case let .postmortem(step):
            switch step {
            case .drafted: "请填写故障报告"
            case .edited: "故障报告已修改"
            case .submitted: "故障报告待审核"
            case .rejected: "故障报告被退回"
            case .approved: "故障报告已审核归档"
            case .reminded: "提醒：故障报告尚未提交"
            }
        }
    }

    /// `accept,arrival`, as deadlines are named in the timeline.
    private static func list(_ deadlines: [DispatchDeadlineKind]) -> String {
        deadlines.map(\.rawValue).joined(separator: ",")
    }
}
