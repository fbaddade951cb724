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

    // MARK: - Service requests

    static func requestKind(_ kind: RequestKind) -> String {
        switch kind {
        case .softwareUpgrade: "软件升级 software upgrade"
        case .repairReturn: "返修 repair return"
        case .outOfWarrantyRepair: "保外维修 out-of-warranty repair"
        case .bugReport: "缺陷 bug report"
        case .newRequirement: "新需求 new requirement"
        case .release: "版本发布 release"
        }
    }

    static func requestStep(_ step: RequestStep) -> String {
        switch step {
        case .received: "已受理 received"
        case .applied: "已申请 applied"
        case .inspected: "已检测 inspected"
        case .confirmed: "客户确认 confirmed"
        case .decided: "已决定 decided"
        case .fixDelivered: "已交付修复 fix delivered"
        case .feedback: "客户反馈 feedback"
        case .feedbackChecked: "反馈已核实 feedback checked"
        case .delayNotified: "已告知延期 delay notified"
        case .tested: "已测试 tested"
        case .approved: "已批准 approved"
        case .agreed: "客户同意 agreed"
        case .released: "已发布 released"
        case .done: "已完成 done"
        case .cancelled: "已取消 cancelled"
        }
    }

    static func promise(_ name: RequestDeadlineName) -> String {
        switch name {
        case .done: "完成升级 upgrade done"
        case .returned: "返还产品 product returned"
        case .inspection: "当日检测 inspection"
        case .repair: "完成维修 repair"
        case .decision: "修复决定 fix decision"
        case .feedbackCheck: "反馈核实 feedback check"
        case .approval: "需求审批 approval"
        case .delayNotice: "延期告知 delay notice"
        case .readiness: "发布准备 readiness"
        case .release: "按时发布 release"
        }
    }

    /// A promise's state as `ServiceRequest.Deadline.state(at:)` names it.
    static func promiseState(_ state: String) -> String {
        switch state {
        case "open": "进行中 open"
        case "kept": "已兑现 kept"
        case "late": "逾期兑现 late"
        case "missed": "未兑现 missed"
        case "cancelled": "已取消 cancelled"
        default: state
        }
    }

    /// Open, or how it closed (the closing step, `cancelled` included).
    static func requestStatus(_ request: ServiceRequest) -> String {
        guard !request.isOpen else { return "处理中 open" }
        return request.lastStep == .cancelled ? "已取消 cancelled" : "已结束 closed"
    }

    static func weekday(_ weekday: Weekday) -> String {
        switch weekday {
        case .sunday: "周日 Sun"
        case .monday: "周一 Mon"
        case .tuesday: "周二 Tue"
        case .wednesday: "周三 Wed"
        case .thursday: "周四 Thu"
        case .friday: "周五 Fri"
        case .saturday: "周六 Sat"
        }
    }

    // MARK: - Heartbeats

    static func heartbeatStatus(_ status: HeartbeatStatus) -> String {
        switch status {
        case .waiting: "等待首次心跳 waiting"
        case .up: "正常 up"
        case .late: "迟到 late"
        case .missed: "已中断 missed"
        }
    }
}
