import Foundation
import OncallCore
import OncallNotify
import OncallTesting
import Testing

@Suite("SMTPSender against aiosmtpd on loopback", .timeLimit(.minutes(1)))
struct SMTPSenderTests {
    /// What `Fixtures/parse_mail.py` (Python's `email` package) reads from a delivered message.
    struct ParsedMail: Decodable {
        var subject: String
        var from: [[String]]
        var to: [[String]]
        var message_id: String
        var in_reply_to: String
        var references: String
        var auto_submitted: String
        var content_type: String
        var envelope_from: String
        var envelope_to: String
        var text: String?
        var html: String?
        var defects: [String]
    }

    static let aiosmtpdMissing = "aiosmtpd is missing: pip install aiosmtpd (.ci/run installs it)"

    /// `python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c aiosmtpd.handlers.Mailbox DIR`, once it accepts connections.
    func startMailbox() throws -> (FixtureProcess, port: Int, maildir: URL) {
        try #require(FixtureProcess.pythonHas("aiosmtpd"), Comment(rawValue: Self.aiosmtpdMissing))
        let maildir = FileManager.default.temporaryDirectory.appending(path: "oncall-maildir-\(UUID().uuidString)")
        let port = try LoopbackPort.free()
        let server = try FixtureProcess(python: [
            "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)", "-c", "aiosmtpd.handlers.Mailbox", maildir.path,
        ])
        do {
            try LoopbackPort.waitUntilAccepting(port)
        } catch {
            server.stop()
            throw error
        }
        return (server, port, maildir)
    }

    func deliveredFiles(_ maildir: URL) -> [URL] {
        let new = maildir.appending(path: "new")
        return ((try? FileManager.default.contentsOfDirectory(at: new, includingPropertiesForKeys: nil)) ?? [])
            .filter { !$0.lastPathComponent.hasPrefix(".") }
    }

    @Test("A Chinese subject and display name arrive decoded, with recipients, Message-ID, body and links")
    func delivers() async throws {
        let (server, port, maildir) = try startMailbox()
        defer {
            server.stop()
            try? FileManager.default.removeItem(at: maildir)
        }
        let incident = NotifyFixtures.incident()
        let subject = MessageText.subject(incident, purpose: "escalated to the emergency group")
        let email = OutgoingEmail(
            from: "oncalld 值班系统 <oncalld@example.com>",
            to: [MailboxAddress.format(name: "张伟", address: "zhang.wei@example.com"), "\"李娜\" <li.na@example.com>"],
            subject: subject,
            textBody: MessageText.plain(incident, purpose: "escalated to the emergency group", timeZone: NotifyFixtures.shanghai, links: NotifyFixtures.links),
            htmlBody: MessageText.html(incident, purpose: "escalated to the emergency group", timeZone: NotifyFixtures.shanghai, links: NotifyFixtures.links),
            messageID: "7c9e6679-7425-40de-944b-e07fc1f90ae7@oncalld", references: ["inc-000123@oncalld"],
            extraHeaders: [("X-Oncalld-Incident", "INC-000123")])
        let sender = SMTPSender(url: "smtp://127.0.0.1:\(port)", from: "bounces@example.com", timeout: .seconds(20))
        let outcome = await sender.send(email, date: t0)
        #expect(outcome == .delivered(detail: "SMTP 250"))

        let files = deliveredFiles(maildir)
        try #require(files.count == 1)
        let output = try FixtureProcess.output(python: [FixtureProcess.fixtures.appending(path: "parse_mail.py").path, files[0].path])
        let mail = try JSONDecoder().decode(ParsedMail.self, from: output)
        #expect(mail.defects.isEmpty)
        #expect(mail.subject == "[L1] 订单系统无法登录 · INC-000123 — escalated to the emergency group")
        #expect(mail.from == [["oncalld 值班系统", "oncalld@example.com"]])
        #expect(mail.to == [["张伟", "zhang.wei@example.com"], ["李娜", "li.na@example.com"]])
        #expect(mail.envelope_from == "bounces@example.com")
        #expect(mail.envelope_to == "zhang.wei@example.com, li.na@example.com")
        #expect(mail.message_id == "<7c9e6679-7425-40de-944b-e07fc1f90ae7@oncalld>")
        #expect(mail.references == "<inc-000123@oncalld>")
        #expect(mail.auto_submitted == "auto-generated")
        #expect(mail.content_type == "multipart/alternative")
        let text = try #require(mail.text).replacingOccurrences(of: "\r\n", with: "\n")
        #expect(text.hasPrefix("[L1] 订单系统无法登录 · INC-000123\nescalated to the emergency group\n"))
        #expect(text.contains("提出人/Reporter: 仓储中心值班员 (13800138000)"))
        #expect(text.contains("故障开始/Outage start: 2023-11-15 06:13"))
        #expect(text.contains("详情/Incident: https://oncall.example.com/v1/incidents/INC-000123"))
        #expect(text.contains("确认/Acknowledge: https://oncall.example.com/a/ack-token"))
        #expect(text.contains("解决/Resolve: https://oncall.example.com/a/resolve-token"))
        let html = try #require(mail.html)
        #expect(html.contains("<a href=\"https://oncall.example.com/a/ack-token\">"))
    }

    @Test("A text-only message arrives as text/plain with its lines intact, dots included")
    func textOnly() async throws {
        let (server, port, maildir) = try startMailbox()
        defer {
            server.stop()
            try? FileManager.default.removeItem(at: maildir)
        }
        // The body goes out base64-encoded, so no line of the message starts with a dot; libcurl would stuff it anyway.
        let body = ".\n..leading dots\n.\n故障 end"
        let email = OutgoingEmail(from: "o@example.com", to: ["a@example.com"], subject: "dots", textBody: body, messageID: "dots@oncalld")
        #expect(await SMTPSender(url: "smtp://127.0.0.1:\(port)", from: "o@example.com").send(email, date: t0).isDelivered)
        let files = deliveredFiles(maildir)
        try #require(files.count == 1)
        let output = try FixtureProcess.output(python: [FixtureProcess.fixtures.appending(path: "parse_mail.py").path, files[0].path])
        let mail = try JSONDecoder().decode(ParsedMail.self, from: output)
        #expect(mail.content_type == "text/plain")
        #expect(mail.html == nil)
        #expect(mail.text?.replacingOccurrences(of: "\r\n", with: "\n") == body)
    }

    @Test("Nobody listening: retryable")
    func refusedConnection() async throws {
        let port = try LoopbackPort.free()
        let email = OutgoingEmail(from: "o@example.com", to: ["a@example.com"], subject: "x", textBody: "x", messageID: "x@oncalld")
        let outcome = await SMTPSender(url: "smtp://127.0.0.1:\(port)", from: "o@example.com", timeout: .seconds(5)).send(email, date: t0)
        #expect(outcome.isRetryable)
        #expect(outcome.detail.contains("curl error 7"))
    }

    @Test("No recipients: permanent, nothing sent")
    func noRecipients() async {
        let email = OutgoingEmail(from: "o@example.com", to: ["", "<>"], subject: "x", textBody: "x", messageID: "x@oncalld")
        #expect(await SMTPSender(url: "smtp://127.0.0.1:1", from: "o@example.com").send(email, date: t0).result == .permanent)
    }

    @Test("Refused recipients and data: 5xx permanent, 4xx retryable, from libcurl's reply text")
    func refusals() async throws {
        try #require(FixtureProcess.pythonHas("aiosmtpd"), Comment(rawValue: Self.aiosmtpdMissing))
        let (server, port) = try FixtureProcess.server("smtp_refuser.py")
        defer { server.stop() }
        let sender = SMTPSender(url: "smtp://127.0.0.1:\(port)", from: "oncalld@example.com", timeout: .seconds(10))
        func send(to: String, from: String = "oncalld@example.com") async -> DeliveryOutcome {
            var sender = sender
            sender.from = from
            return await sender.send(OutgoingEmail(from: from, to: [to], subject: "x", textBody: "x", messageID: "r@oncalld"), date: t0)
        }
        #expect(await send(to: "ok@example.com") == .delivered(detail: "SMTP 250"))
        let unknown = await send(to: "unknown@example.com")
        #expect(unknown.result == .permanent)
        #expect(unknown.detail.contains("550"))
        let busy = await send(to: "busy@example.com")
        #expect(busy.isRetryable)
        #expect(busy.detail.contains("450"))
        // libcurl 7.88 reports a refused end of DATA as CURLE_WEIRD_SERVER_REPLY without the reply code, so it
        // cannot be told from a garbled answer: retryable (the dead-letter limit bounds it).
        let spam = await send(to: "ok@example.com", from: "spam@example.com")
        #expect(spam.isRetryable)
        #expect(spam.detail.contains("curl error 8"))
    }
}
