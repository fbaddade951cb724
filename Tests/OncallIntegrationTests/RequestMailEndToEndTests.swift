import Foundation
import OncallAPI
import Testing

extension EndToEnd {
/// Issue 13: a service request submitted by mail, through the real daemon and a real webhook. Mail to
/// a request address, or with a `[REQ:<kind>]` subject tag, is a request, not an incident; the
/// provider's retry of the same Message-ID is the same request.
@Suite("Service requests by mail through the real daemon")
struct RequestMailEndToEndTests {
    static let messageID = "<20261204101500.9a7b@mail.wh.example.com>"

    /// A Mailgun route `forward()` post of a mail from 王芳 at the warehouse to `to`.
    static func mailgunFields(to: String, subject: String, messageID: String = messageID) -> [(String, String)] {
        let date = "Fri, 04 Dec 2026 10:15:00 +0800"
        let headers: [[String]] = [
            ["Mime-Version", "1.0"], ["Content-Type", "text/plain; charset=\"UTF-8\""],
            ["From", "\(encodedWord("王芳")) <wang.fang@wh.example.com>"], ["To", to], ["Subject", encodedWord(subject)],
            ["Message-Id", messageID], ["Date", date],
        ]
        let headersJSON = String(decoding: try! JSONSerialization.data(withJSONObject: headers), as: UTF8.self)
        return [
            ("recipient", to), ("sender", "wang.fang@wh.example.com"), ("from", "王芳 <wang.fang@wh.example.com>"), ("subject", subject),
            ("body-plain", "出库单打印时条码错位，见附图。\n\n王芳\n"), ("Message-Id", messageID), ("Date", date), ("To", to),
            ("message-headers", headersJSON),
        ]
    }

    static let requestSection = """
        requests:
          mail:
            addresses:
              bug_report: bugs@support.example.com
            subject_tags: true

        """

    @Test("Mailgun post to the bug address: REQ-000001 with the mail's subject, sender and organisation; posted twice, still one request and no incident")
    func mailgunToRequestAddress() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        let mailgun = InboundEndpoint.mailgun()
        try sandbox.writeConfig(sandbox.config() + sandbox.inboundSections([mailgun]) + Self.requestSection)
        _ = try await sandbox.startDaemon()

        let fields = Self.mailgunFields(to: "bugs@support.example.com", subject: "出库单条码打印错位")
        let first = try await MailgunPost.signed(fields, signingKey: mailgun.secret)
        let created = try await sandbox.inbound(mailgun, body: first.body, headers: [("Content-Type", first.contentType)])
        #expect(created.status == 200, "\(created.text)\n\(sandbox.logs)")
        #expect(created.fields["outcome"] == "request", "\(created.text)")
        #expect(created.fields["request"] == "REQ-000001", "\(created.text)")

        // Mailgun's retry: a new token and signature, the same Message-Id.
        let retry = try await MailgunPost.signed(fields, signingKey: mailgun.secret)
        let repeated = try await sandbox.inbound(mailgun, body: retry.body, headers: [("Content-Type", retry.contentType)])
        #expect(repeated.status == 200, "\(repeated.text)")
        #expect(repeated.fields["outcome"] == "duplicate", "\(repeated.text)")
        #expect(repeated.fields["request"] == "REQ-000001", "\(repeated.text)")

        let requests = try await sandbox.call { try $0.requests(open: nil, kind: nil, owner: nil, limit: 10) }
        #expect(requests.map(\.id) == ["REQ-000001"])
        let request = try #require(requests.first)
        #expect(request.kind == "bug_report")
        #expect(request.subject == "出库单条码打印错位")
        #expect(request.organisation == "仓储中心", "organisation by the sender's domain")
        #expect(request.requester.contains("王芳") && request.requester.contains("wang.fang@wh.example.com"), "requester: \(request.requester)")
        #expect(request.contact == "wang.fang@wh.example.com")
        #expect(request.description?.contains("条码错位") == true)
        #expect(request.submittedBy == "mail:wang.fang@wh.example.com")
        #expect(try await sandbox.incidents().isEmpty, "a request is not an incident")
    }

    @Test("an MTA pipe post with a [REQ:software_upgrade] tag is a request without the tag, a reply in its thread is ignored; an unknown kind in the tag is a fault report that says why")
    func subjectTagThroughRFC822() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        let mta = InboundEndpoint.rfc822()
        try sandbox.writeConfig(sandbox.config() + sandbox.inboundSections([mta]) + Self.requestSection)
        _ = try await sandbox.startDaemon()

        func message(_ subject: String, id: String, inReplyTo: String? = nil) -> String {
            ([
                "From: Li Lei <li.lei@wh.example.com>", "To: faults@example.com", "Subject: \(subject)",
                "Date: Fri, 04 Dec 2026 10:20:00 +0800", "Message-ID: <\(id)@mail.wh.example.com>",
            ] + (inReplyTo.map { ["In-Reply-To: <\($0)@mail.wh.example.com>"] } ?? []) + [
                "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit", "", "请把 WMS 升级到 5.2。", "",
            ]).joined(separator: "\r\n")
        }
        let upgrade = message("[REQ:software_upgrade] WMS 升级到 5.2", id: "upgrade-1")
        for expected in ["request", "duplicate"] {
            let answer = try await sandbox.postRFC822(mta, upgrade)
            #expect(answer.status == 200 && answer.fields["outcome"] == expected, "\(answer.text)\n\(sandbox.logs)")
            #expect(answer.fields["request"] == "REQ-000001", "\(answer.text)")
        }
        let request = try await sandbox.call { try $0.request("REQ-000001") }
        #expect(request.kind == "software_upgrade" && request.subject == "WMS 升级到 5.2")

        // A colleague's reply in the request's thread is neither a second request nor an incident.
        let reply = try await sandbox.postRFC822(mta, message("Re: [REQ:software_upgrade] WMS 升级到 5.2", id: "upgrade-2", inReplyTo: "upgrade-1"))
        #expect(reply.status == 200 && reply.fields["outcome"] == "ignored", "\(reply.text)")
        #expect(try await sandbox.incidents().isEmpty)

        let unknown = try await sandbox.postRFC822(mta, message("[REQ:coffee] 咖啡机坏了", id: "coffee-1"))
        #expect(unknown.fields["outcome"] == "incident" && unknown.fields["incident"] == "INC-000001", "\(unknown.text)")
        #expect(try await sandbox.incidents().map(\.subject) == ["[REQ:coffee] 咖啡机坏了"])
        #expect(try await sandbox.call { try $0.requests(open: nil, kind: nil, owner: nil, limit: 10) }.count == 1)
    }
}
}
