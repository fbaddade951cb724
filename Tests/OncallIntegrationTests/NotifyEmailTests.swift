import Foundation
import OncallAPI
import Testing

/// Issue 4, "a real SMTP server on loopback receives the email": the daemon mails through libcurl to
/// aiosmtpd; Python's `email` package reads what arrived.
extension EndToEnd {
@Suite("Notifications by email to a real SMTP server (aiosmtpd)")
struct NotifyEmailTests {
    @Test("a level-3 report mails li.na and zhang.wei: recipients, RFC 2047 UTF-8 subject, incident and action links; deliveries say SMTP 250")
    func reportIsMailed() async throws {
        let world = try await NotifySandbox(smtp: true)
        defer { world.cleanup() }
        try world.writeConfig(world.config())
        _ = try await world.startDaemon()
        let sink = try #require(world.sink)
        let base = world.baseURL

        let subject = "订单系统无法登录"
        let incident = try await world.sandbox.report(sampleReport(subject))  // scope omitted: level 3
        #expect(incident.id == "INC-000001")
        #expect(incident.level == 3)

        let deliveries = try await world.waitForDeliveries("both emails to be delivered") { list in
            list.count >= 2 && list.allSatisfy { $0.status != "pending" }
        }
        var mails = try await sink.waitForMessages("two emails", count: 2)
        // Nothing pending in the outbox: no extra message can come.
        try await world.waitUntilOutboxSettled()
        mails = try sink.messages()
        try #require(mails.count == 2, "exactly one mail each for li.na and zhang.wei: \(mails)\n\(world.logs)")
        #expect(deliveries.count == 2, "\(NotifySandbox.describe(deliveries))")

        // Recipients: one envelope recipient per message, li.na and zhang.wei, named in To.
        #expect(mails.map(\.rcptTos).sorted { $0.description < $1.description } == [["li.na@example.com"], ["zhang.wei@example.com"]])
        let liNa = try #require(mails.first { $0.recipient == "li.na@example.com" })
        let zhangWei = try #require(mails.first { $0.recipient == "zhang.wei@example.com" })
        #expect(liNa.to == [["李娜", "li.na@example.com"]])
        #expect(zhangWei.to == [["张伟", "zhang.wei@example.com"]])

        let expectedSubject = "[L3] 订单系统无法登录 · INC-000001 — new fault"
        for mail in [liNa, zhangWei] {
            #expect(mail.parseError == nil)
            #expect(mail.defects.isEmpty, "MIME defects in \(mail): \(mail.defects)")
            #expect(mail.mailFrom == "oncalld@example.com")
            #expect(mail.from == [["oncalld", "oncalld@example.com"]])
            // Decoded, the subject is the level-first title and the purpose; as sent, it is RFC 2047 ASCII.
            #expect(mail.subject == expectedSubject)
            let raw = mail.rawSubject ?? ""
            #expect(raw.unicodeScalars.allSatisfy { $0.isASCII }, "the Subject header must be ASCII (RFC 2047): \(raw)")
            #expect(raw.lowercased().contains("=?utf-8?"), "the Subject header should carry UTF-8 encoded words: \(raw)")
            #expect(mail.contentType == "multipart/alternative")
            #expect(mail.incident == "INC-000001")
            #expect(mail.references == "<inc-000001@oncalld>", "all mail about one incident threads on one id")

            // The Message-ID is the delivery's id (the idempotency key).
            let delivery = deliveries.first { $0.target == mail.recipient }
            #expect(delivery != nil && mail.messageID == "<\(delivery?.id ?? "")@oncalld>", "\(mail.messageID) vs \(deliveries.map(\.id))")

            // The body: the facts, the incident link, the runbook, and the action links on the TCP listener.
            let text = mail.plainText
            #expect(text.hasPrefix("[L3] 订单系统无法登录 · INC-000001\nnew fault\n"), "text body:\n\(text)")
            #expect(mail.textLine("提出人/Reporter") == "Li Na (+86 138 0000 0002)")
            #expect(mail.textLine("提出单位/Organisation") == "Helpdesk East")
            #expect(mail.textLine("影响范围/Scope") == "未说明 (not stated)")
            #expect(mail.textLine("详情/Incident") == "\(base)/v1/incidents/INC-000001")
            #expect(mail.textLine("处置手册/Runbook") == "\(base)/runbooks/003-level3-incident.md")
            let ack = mail.textLine("确认/Acknowledge") ?? ""
            let resolve = mail.textLine("解决/Resolve") ?? ""
            #expect(ack.hasPrefix("\(base)/a/") && ack.count > "\(base)/a/".count + 20, "acknowledge link: '\(ack)'\n\(text)")
            #expect(resolve.hasPrefix("\(base)/a/") && resolve.count > "\(base)/a/".count + 20, "resolve link: '\(resolve)'\n\(text)")
            #expect(ack != resolve)
            // The HTML part has the same links, clickable.
            let html = mail.html ?? ""
            #expect(html.contains("href=\"\(base)/v1/incidents/INC-000001\""), "html:\n\(html)")
            #expect(!ack.isEmpty && html.contains("href=\"\(ack)\""), "html:\n\(html)")
            #expect(!resolve.isEmpty && html.contains("href=\"\(resolve)\""), "html:\n\(html)")
        }
        // Each person's links are their own (signed for them).
        #expect(liNa.textLine("确认/Acknowledge") != zhangWei.textLine("确认/Acknowledge"))

        // deliveries: both delivered at the first attempt, with the SMTP reply.
        for delivery in deliveries {
            #expect(delivery.channel == "email")
            #expect(delivery.status == "delivered", "\(NotifySandbox.describe(deliveries))")
            #expect(delivery.purpose == "new fault")
            #expect(delivery.subject == expectedSubject)
            #expect(delivery.nextAttemptAt == nil)
            #expect(delivery.attempts.count == 1)
            #expect(delivery.attempts.first?.result == "delivered")
            #expect(delivery.attempts.first?.detail.hasPrefix("SMTP 250") == true, "detail: \(delivery.attempts.first?.detail ?? "none")")
        }
        #expect(Set(deliveries.map(\.target)) == ["li.na@example.com", "zhang.wei@example.com"])
        #expect(Set(deliveries.flatMap(\.recipients)) == ["li.na", "zhang.wei"])

        let metrics = try await world.sandbox.request("GET", "/metrics").text
        #expect(metricValue("oncalld_deliveries", label: "status", "delivered", in: metrics) == 2, "\(metrics)")
        #expect(metricValue("oncalld_deliveries", label: "status", "pending", in: metrics) ?? 0 == 0, "\(metrics)")
    }
}
}
