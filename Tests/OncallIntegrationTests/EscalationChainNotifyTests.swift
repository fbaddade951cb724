import Foundation
import OncallAPI
import Testing

/// Issue 4, "an escalation chain … who is contacted at 0 s, at reminder times, at the escalation, and
/// nobody after resolution" — here with the real daemon, real time and real mail, on short durations:
/// level3 {reminder_every: 2s, reminder_times: 1}, emergency_after: 3s.
extension EndToEnd {
@Suite("Escalation chain end to end: report, reminder, escalation, resolution — by real email")
struct EscalationChainNotifyTests {
    @Test("li.na and zhang.wei at 0 s, their reminder 1/1 at 2 s, chen.jie at 3 s, everyone on resolution, then silence; an acknowledged incident gets no reminder")
    func chainByEmail() async throws {
        let world = try await NotifySandbox(smtp: true)
        defer { world.cleanup() }
        try world.writeConfig(world.config(
            emergencyAfter: "3s",
            level3: "{at_report: [oncall_engineers, project_managers], on_escalation: [emergency_group], "
                + "reminder_every: 2s, reminder_times: 1, notify_on_resolve: true}"))
        _ = try await world.startDaemon()
        let sink = try #require(world.sink)
        let sandbox = world.sandbox

        let ignored = try await sandbox.report(sampleReport("数据库主从切换失败"))
        let acked = try await sandbox.report(sampleReport("打印服务偶发超时"))
        _ = try await sandbox.call { try $0.ack(acked.id) }
        #expect(ignored.id == "INC-000001" && acked.id == "INC-000002")
        let reportedAt = ignored.reportedAt.timeIntervalSince1970

        // 0 s: the report goes to li.na and zhang.wei, for both incidents.
        // 2 s: INC-000001's reminder to the same two; INC-000002 was acknowledged, so none.
        // 3 s: both escalate (acknowledging does not stop the timer); chen.jie is told of each.
        let beforeResolve = try await sink.waitForMessages("reports, the reminder and both escalation mails", count: 8, timeout: .seconds(12)) {
            mails in mails.filter { $0.subject.hasSuffix("— escalated to the emergency group") }.count >= 2
        }
        let escalated = try await eventually("both incidents to be escalated", timeout: .seconds(5)) { () async throws -> [IncidentDTO]? in
            let both = [try await sandbox.show(ignored.id), try await sandbox.show(acked.id)]
            return both.allSatisfy { $0.state == "escalated" } ? both : nil
        }
        #expect(escalated.allSatisfy { $0.timeline?.last?.kind == "escalated" && $0.timeline?.last?.actor == "oncalld" })

        // Resolve both through the socket: everyone told so far hears of it (atReport + onEscalation),
        // and the fault report's owner (the first PM: the socket's user is no person here) is asked to write it.
        let resolvingAt = Date().timeIntervalSince1970
        for id in [ignored.id, acked.id] {
            let resolved = try await sandbox.call { try $0.resolve(id, summary: "主库已恢复") }
            #expect(resolved.state == "resolved")
        }
        try await sink.waitForMessages("the resolution mails", count: beforeResolve.count + 8, timeout: .seconds(8))

        // Then silence: no reminder, escalation or anything else once resolved. A marker incident reported
        // now, and left alone, escalates 3 s later from the same timer engine, which fires timers in due
        // order: once its escalation mail is out and the outbox has settled, any reminder or escalation of
        // the resolved two due before it would have been fired and mailed.
        let marker = try await sandbox.report(sampleReport("标记：静默检查"))
        #expect(marker.id == "INC-000003")
        try await sink.waitForMessages("the marker's escalation mail", count: beforeResolve.count + 8, timeout: .seconds(12)) { mails in
            mails.contains { $0.incident == marker.id && $0.subject.hasSuffix("— escalated to the emergency group") }
        }
        try await world.waitUntilOutboxSettled()
        let mails = try sink.messages().filter { $0.incident != marker.id }
        let summary = mails.map { "\($0.incident) \($0.recipient ?? "?") +\(String(format: "%.2f", $0.at - reportedAt))s «\($0.subject)»" }
            .joined(separator: "\n")
        #expect(mails.count == 16, "8 before the resolution, 6 for it and 2 report requests, nothing after:\n\(summary)\n\(world.logs)")

        func sent(_ incident: String, _ suffix: String) -> [ReceivedMail] {
            mails.filter { $0.incident == incident && $0.subject.hasSuffix(suffix) }
        }
        func people(_ list: [ReceivedMail]) -> [String] { list.compactMap(\.recipient).sorted() }
        let engineerAndManager = ["li.na@example.com", "zhang.wei@example.com"]
        let everyone = ["chen.jie@example.com", "li.na@example.com", "zhang.wei@example.com"]

        // INC-000001, never acknowledged.
        let reported = sent("INC-000001", "— new fault")
        let reminders = sent("INC-000001", "— reminder 1/1: not yet acknowledged")
        let escalations = sent("INC-000001", "— escalated to the emergency group")
        let resolutions = sent("INC-000001", "— resolved")
        #expect(people(reported) == engineerAndManager, "\(summary)")
        #expect(people(reminders) == engineerAndManager, "\(summary)")
        #expect(people(escalations) == ["chen.jie@example.com"], "\(summary)")
        #expect(people(resolutions) == everyone, "\(summary)")
        #expect(people(sent("INC-000001", "— fault report to write")) == ["zhang.wei@example.com"], "\(summary)")
        #expect(mails.filter { $0.incident == "INC-000001" }.count == 9, "\(summary)")
        #expect(!mails.contains { $0.subject.contains("reminder 2") }, "reminder_times is 1:\n\(summary)")
        for mail in reported { #expect(mail.at - reportedAt < 1.5, "report mail after \(mail.at - reportedAt) s") }
        for mail in reminders {
            let after = mail.at - reportedAt
            #expect(after >= 1.95 && after < 3.5, "reminder after \(after) s (reminder_every: 2s)")
        }
        for mail in escalations {
            let after = mail.at - reportedAt
            #expect(after >= 2.95 && after < 4.5, "escalation mail after \(after) s (emergency_after: 3s)")
            #expect(mail.textLine("确认/Acknowledge") != nil, "nobody acknowledged, so the emergency group can:\n\(mail.plainText)")
        }
        for mail in resolutions {
            #expect(mail.at >= resolvingAt, "resolution mail before the resolution")
            #expect(mail.textLine("确认/Acknowledge") == nil && mail.textLine("解决/Resolve") == nil && !mail.plainText.contains("/a/"),
                    "a resolved incident's mail has no action links:\n\(mail.plainText)")
            #expect(mail.textLine("详情/Incident") == "\(world.baseURL)/v1/incidents/INC-000001")
        }

        // INC-000002, acknowledged at once: no reminder, but escalated on time all the same.
        #expect(people(sent("INC-000002", "— new fault")) == engineerAndManager, "\(summary)")
        #expect(sent("INC-000002", "— reminder 1/1: not yet acknowledged").isEmpty, "acknowledging stops the reminders:\n\(summary)")
        let ackedEscalation = sent("INC-000002", "— escalated to the emergency group")
        #expect(people(ackedEscalation) == ["chen.jie@example.com"], "\(summary)")
        for mail in ackedEscalation {
            #expect(mail.textLine("确认/Acknowledge") == nil, "already acknowledged: no acknowledge link:\n\(mail.plainText)")
            #expect(mail.textLine("解决/Resolve") != nil, "still resolvable from the mail:\n\(mail.plainText)")
        }
        #expect(people(sent("INC-000002", "— resolved")) == everyone, "\(summary)")

        // The outbox agrees: 9 + 7 messages, all delivered, none pending.
        let first = try await world.deliveries(ignored.id)
        let second = try await world.deliveries(acked.id)
        #expect(first.count == 9 && second.count == 7, "\(NotifySandbox.describe(first + second))")
        #expect((first + second).allSatisfy { $0.status == "delivered" && $0.attempts.count == 1 }, "\(NotifySandbox.describe(first + second))")
        #expect(first.map(\.purpose).filter { $0.hasPrefix("reminder") }.count == 2)
    }
}
}
