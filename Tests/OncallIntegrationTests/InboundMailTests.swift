import Foundation
import OncallAPI
import Testing

extension EndToEnd {
/// Issue 3 end to end: mail reaches the real daemon through a provider webhook (Mailgun) or an MTA
/// pipe (`rfc822`) on the TCP listener, and becomes an incident, a note, a command, or nothing.
@Suite("Inbound mail through the real daemon")
struct InboundMailTests {
    static let subject = "仓库扫码枪全部无法连接 WMS"
    static let messageID = "<20261125093000.4f1c2e@mail.wh.example.com>"

    /// A message as Mailgun's route `forward()` posts it: the parsed fields, and `message-headers`
    /// with the raw header values (the subject RFC 2047-encoded, as the sender's client wrote it).
    static func mailgunFields(messageID: String = messageID, subject: String = subject) -> [(String, String)] {
        let from = "王芳 <wang.fang@wh.example.com>"
        let date = "Wed, 25 Nov 2026 09:30:00 +0800"
        let headers: [[String]] = [
            ["Received", "from mail.wh.example.com (mail.wh.example.com [198.51.100.7]) by mxa.mailgun.org with ESMTP"],
            ["Mime-Version", "1.0"],
            ["Content-Type", "text/plain; charset=\"UTF-8\""],
            ["From", "\(encodedWord("王芳")) <wang.fang@wh.example.com>"],
            ["To", "faults@example.com"],
            ["Subject", encodedWord(subject)],
            ["Message-Id", messageID],
            ["Date", date],
        ]
        let headersJSON = String(decoding: try! JSONSerialization.data(withJSONObject: headers), as: UTF8.self)
        let body = "上午 9 点起，仓库的扫码枪全部无法连接 WMS，出库作业停止。\n\n王芳\n仓储中心 运维组\n"
        return [
            ("recipient", "faults@example.com"),
            ("sender", "wang.fang@wh.example.com"),
            ("from", from),
            ("subject", subject),
            ("body-plain", body),
            ("stripped-text", "上午 9 点起，仓库的扫码枪全部无法连接 WMS，出库作业停止。"),
            ("stripped-signature", "王芳\n仓储中心 运维组"),
            ("Message-Id", messageID),
            ("Date", date),
            ("To", "faults@example.com"),
            ("message-headers", headersJSON),
        ]
    }

    func post(_ sandbox: Sandbox, _ endpoint: InboundEndpoint, _ post: MailgunPost) async throws -> (status: Int, fields: [String: String], text: String) {
        let response = try await sandbox.inbound(endpoint, body: post.body, headers: [("Content-Type", post.contentType)])
        return (response.status, response.fields, response.text)
    }

    @Test("Mailgun multipart post, signed: an incident with the Chinese subject, the sender as reporter and the organisation by domain; a re-post is the same incident; a bad, replayed or stale signature gets 401 and stores nothing")
    func mailgun() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        let mailgun = InboundEndpoint.mailgun()
        try sandbox.writeConfig(sandbox.config() + sandbox.inboundSections([mailgun]))
        _ = try await sandbox.startDaemon()

        // The first post: 200 only once the incident is stored.
        let first = try await MailgunPost.signed(Self.mailgunFields(), signingKey: mailgun.secret)
        let created = try await post(sandbox, mailgun, first)
        #expect(created.status == 200, "\(created.text)\n\(sandbox.logs)")
        #expect(created.fields["outcome"] == "incident", "\(created.text)")
        #expect(created.fields["incident"] == "INC-000001", "\(created.text)")

        let incident = try await sandbox.show("INC-000001")
        #expect(Array(incident.subject.utf8) == Array(Self.subject.utf8), "subject: \(incident.subject)")
        #expect(incident.organisation == "仓储中心", "organisation by the sender's domain wh.example.com")
        #expect(incident.reporter.contains("王芳") && incident.reporter.contains("wang.fang@wh.example.com"), "reporter: \(incident.reporter)")
        #expect(incident.description?.contains("扫码枪全部无法连接 WMS") == true, "description: \(incident.description ?? "nil")")
        #expect(incident.reportedBy == "mail:wang.fang@wh.example.com", "reported by: \(incident.reportedBy)")
        #expect(incident.state == "reported")

        // Mailgun posts again (its retry, or a second route): a new token, the same Message-Id.
        let again = try await MailgunPost.signed(Self.mailgunFields(), signingKey: mailgun.secret)
        let repeated = try await post(sandbox, mailgun, again)
        #expect(repeated.status == 200, "\(repeated.text)")
        #expect(repeated.fields["incident"] == "INC-000001", "the same message is the same incident: \(repeated.text)")

        // A forged signature, a replayed token, a stale timestamp: 401, and nothing stored.
        let other = Self.mailgunFields(messageID: "<forged-1@wh.example.com>", subject: "伪造的报障")
        let forged = try await MailgunPost.signed(other, signingKey: "not-the-key")
        let forgedAnswer = try await post(sandbox, mailgun, forged)
        #expect(forgedAnswer.status == 401, "\(forgedAnswer.text)")
        var badHex = try await MailgunPost.signed(other, signingKey: mailgun.secret)
        badHex.fields = badHex.fields.map { $0.0 == "signature" ? ($0.0, String(repeating: "0", count: 64)) : $0 }
        #expect(try await post(sandbox, mailgun, badHex).status == 401)
        let unsigned = MailgunPost(fields: other)
        #expect(try await post(sandbox, mailgun, unsigned).status == 401)
        // The first post again, byte for byte: its token was used.
        var replay = first
        replay.fields = replay.fields.map { $0.0 == "Message-Id" ? ($0.0, "<replay-1@wh.example.com>") : $0 }
        let replayed = try await post(sandbox, mailgun, replay)
        #expect(replayed.status == 401, "a replayed token must be refused: \(replayed.text)")
        let stale = try await MailgunPost.signed(other, signingKey: mailgun.secret, timestamp: Date().addingTimeInterval(-3600))
        #expect(try await post(sandbox, mailgun, stale).status == 401)

        let incidents = try await sandbox.incidents()
        #expect(incidents.map(\.id) == ["INC-000001"], "only the authentic message became an incident: \(incidents.map(\.subject))")
    }

    @Test("replies: In-Reply-To a mail oncalld sent adds a note; a configured person's reply starting 'ack' acknowledges as mail:<person>")
    func replies() async throws {
        let world = try await NotifySandbox(smtp: true)
        defer { world.cleanup() }
        let sandbox = world.sandbox
        let mta = InboundEndpoint.rfc822()
        try world.writeConfig(world.config() + sandbox.inboundSections([mta]))
        _ = try await world.startDaemon()
        let sink = try #require(world.sink)

        let incident = try await sandbox.report(sampleReport("订单系统无法登录"))
        #expect(incident.id == "INC-000001")
        let mails = try await sink.waitForMessages("the new-fault mail to li.na", count: 1) { mails in
            mails.contains { $0.recipient == "li.na@example.com" }
        }
        let sent = try #require(mails.first { $0.recipient == "li.na@example.com" })
        #expect(sent.messageID.hasSuffix("@oncalld>"), "oncalld's own Message-ID: \(sent.messageID)")

        // The customer answers the mail: a note, the quoted history stripped.
        let customerReply = rfc822([
            ("From", "\(encodedWord("王芳")) <wang.fang@wh.example.com>"),
            ("To", "oncalld@example.com"),
            ("Subject", encodedWord("回复：订单系统无法登录")),
            ("Date", "Wed, 25 Nov 2026 10:05:00 +0800"),
            ("Message-ID", "<reply-1@wh.example.com>"),
            ("In-Reply-To", sent.messageID),
            ("References", "<inc-000001@oncalld> \(sent.messageID)"),
            ("MIME-Version", "1.0"),
            ("Content-Type", "text/plain; charset=UTF-8"),
            ("Content-Transfer-Encoding", "8bit"),
        ], body: "重启应用服务器后仍然报 502。\n\n在 2026年11月25日 09:40，oncalld 写道：\n> [L3] 订单系统无法登录 · INC-000001\n> new fault\n")
        let noted = try await sandbox.postRFC822(mta, customerReply)
        #expect(noted.status == 200, "\(noted.text)\n\(sandbox.logs)")
        #expect(noted.fields["outcome"] == "note", "\(noted.text)")
        #expect(noted.fields["incident"] == "INC-000001", "\(noted.text)")

        var shown = try await sandbox.show("INC-000001")
        let note = try #require(shown.timeline?.last { $0.kind == "note" }, "timeline: \(shown.timeline ?? [])")
        #expect(note.details["text"]?.contains("重启应用服务器后仍然报 502") == true, "note: \(note.details)")
        #expect(note.details["text"]?.contains("new fault") == false, "the quoted history is stripped: \(note.details)")
        #expect(note.actor == "mail:wang.fang@wh.example.com")
        #expect(shown.state == "reported", "a customer's reply changes nothing but the timeline")

        // A command naming only the guessable thread root (or a subject tag) is kept as a note:
        // the From line can be forged, so only a reply to a message oncalld delivered may act.
        let forged = rfc822([
            ("From", "李娜 <Li.Na@example.com>"),
            ("To", "oncalld@example.com"),
            ("Subject", "Re: [INC-000001] 订单系统无法登录"),
            ("Message-ID", "<forged-1@example.com>"),
            ("In-Reply-To", "<inc-000001@oncalld>"),
            ("Content-Type", "text/plain; charset=UTF-8"),
        ], body: "resolve\n")
        let forgedAnswer = try await sandbox.postRFC822(mta, forged)
        #expect(forgedAnswer.fields["outcome"] == "note", "\(forgedAnswer.text)")
        #expect(try await sandbox.show("INC-000001").state == "reported")

        // li.na (a configured person with this address) answers "ack" to the mail oncalld sent her.
        let ack = rfc822([
            ("From", "李娜 <Li.Na@example.com>"),
            ("To", "oncalld@example.com"),
            ("Subject", "Re: [L3] 订单系统无法登录"),
            ("Message-ID", "<reply-2@example.com>"),
            ("In-Reply-To", sent.messageID),
            ("Content-Type", "text/plain; charset=UTF-8"),
        ], body: "ack\n\n我来处理。\n")
        let acked = try await sandbox.postRFC822(mta, ack)
        #expect(acked.status == 200, "\(acked.text)")
        #expect(acked.fields["outcome"] == "command", "\(acked.text)")
        #expect(acked.fields["incident"] == "INC-000001", "\(acked.text)")

        shown = try await sandbox.show("INC-000001")
        #expect(shown.state == "acknowledged", "state: \(shown.state)")
        #expect(shown.acknowledgedAt != nil)
        let event = try #require(shown.timeline?.first { $0.kind == "acknowledged" }, "timeline: \(shown.timeline ?? [])")
        #expect(event.actor == "mail:li.na", "acknowledged by \(event.actor)")

        // The same reply delivered twice gets the same answer and changes nothing more.
        let again = try await sandbox.postRFC822(mta, customerReply)
        #expect(again.status == 200)
        #expect(again.fields["incident"] == "INC-000001", "\(again.text)")
        let notes = try await sandbox.show("INC-000001").timeline?.filter { $0.kind == "note" }.count
        #expect(notes == 2, "one note for the customer's reply and one for the forged command, none for the repeat")
        #expect(try await sandbox.incidents().count == 1)
    }

    @Test("an auto-reply (Auto-Submitted: auto-replied) gets 200 and no incident, over TCP and with report --eml; a wrong bearer token gets 401")
    func autoReply() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        let mta = InboundEndpoint.rfc822()
        try sandbox.writeConfig(sandbox.config() + sandbox.inboundSections([mta]))
        _ = try await sandbox.startDaemon()

        let outOfOffice = rfc822([
            ("From", "Zhou Min <zhou.min@corp.example.com>"),
            ("To", "faults@example.com"),
            ("Subject", encodedWord("自动回复：WMS 出库单无法打印")),
            ("Message-ID", "<ooo-1@corp.example.com>"),
            ("Auto-Submitted", "auto-replied"),
            ("Content-Type", "text/plain; charset=UTF-8"),
        ], body: "我正在休假，12 月 1 日返回。\n")
        let answer = try await sandbox.postRFC822(mta, outOfOffice, recipient: "faults@example.com")
        #expect(answer.status == 200, "\(answer.text)\n\(sandbox.logs)")
        #expect(answer.fields["outcome"] == "ignored", "\(answer.text)")
        #expect(answer.fields["detail"]?.contains("Auto-Submitted: auto-replied") == true, "\(answer.text)")

        let file = sandbox.path + "/ooo.eml"
        try sandbox.write(outOfOffice, to: file)
        let cli = try await sandbox.ctl("report", ["--eml", file])
        #expect(cli.status == 0, "\(cli)")
        #expect(cli.stdout.hasPrefix("ignored: ") && cli.stdout.contains("Auto-Submitted: auto-replied"), "\(cli)")

        let forged = try await sandbox.postRFC822(mta, outOfOffice.replacingOccurrences(of: "Auto-Submitted: auto-replied\r\n", with: ""), token: "wrong")
        #expect(forged.status == 401, "\(forged.text)")
        #expect(try await sandbox.incidents().isEmpty, "no incident for an auto-reply or an unauthenticated post")
    }
}
}
