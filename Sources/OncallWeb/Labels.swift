import OncallCore

/// The words the pages show for the domain's values, Chinese first as the plan is written.
enum Labels {
    static func state(_ state: IncidentState) -> String {
        switch state {
        case .reported: "已报告 reported"
        case .acknowledged: "已确认 acknowledged"
        case .escalated: "已升级 escalated"
        case .resolved: "已解决 resolved"
        case .closed: "已关闭 closed"
        }
    }

    static func reportState(_ state: Postmortem.State) -> String {
        switch state {
        case .draft: "草稿 draft"
        case .submitted: "待审核 submitted"
        case .approved: "已归档 approved"
        }
    }

    static func level(_ level: Level) -> String {
        switch level {
        case .level1: "L1 特别严重"
        case .level2: "L2 严重"
        case .level3: "L3 一般"
        }
    }

    static func scope(_ scope: Scope) -> String {
        switch scope {
        case .all: "全部 all"
        case .most: "大部分 most"
        case .part: "部分 part"
        case .few: "少数用户 few"
        case .single: "单一功能 single"
        }
    }

    static func event(_ kind: TimelineEvent.Kind) -> String {
        switch kind {
        case .reported: "报告 reported"
        case .acknowledged: "确认 acknowledged"
        case .escalated: "升级 escalated"
        case .relevelled: "定级变更 relevelled"
        case .note: "备注 note"
        case .resolved: "解决 resolved"
        case .closed: "关闭 closed"
        case .dispatch: "派工 dispatch"
        case .slaBreach: "超时 SLA breach"
        case .postmortem: "故障报告 report"
        case .maintenanceHeld: "维护窗口暂停通知 held by maintenance"
        case .maintenanceReleased: "维护结束后通知 paged after maintenance"
        }
    }
}
