import Foundation
import OncallCore
import OncallNotify
import OncallTesting

/// Incidents and links the notification tests share.
enum NotifyFixtures {
    /// INC-000123, level 1, an outage that began at `t0` (2023-11-14 22:13:20 UTC, 06:13 the next day in Shanghai).
    static func incident(subject: String = "订单系统无法登录", level: Level = .level1) -> Incident {
        var form = ReportForm.fixture(subject: subject, scope: .all, outageStarted: t0)
        form.reporterContact = "13800138000"
        return Incident(id: IncidentNumber(123), form: form, level: level, state: .reported, reportedAt: t0, reportedBy: "unix:alice")
    }

    static let links = MessageLinks(
        incident: "https://oncall.example.com/v1/incidents/INC-000123", runbook: "https://oncall.example.com/runbooks/level-1.md",
        acknowledge: "https://oncall.example.com/a/ack-token", resolve: "https://oncall.example.com/a/resolve-token")

    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!
}
