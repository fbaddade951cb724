import Foundation
import OncallMail
import Testing

@Suite("ParsedMail as the endpoints use it")
struct ParsedMailTests {
    private let sample = """
        Return-Path: <alice@example.com>
        From: Alice <alice@example.com>
        Sender: Helpdesk System <noreply@helpdesk.example.com>
        To: faults+wms@example.com
        Reply-To: "Team A" <team-a@example.com>
        Subject: =?utf-8?B?5pWF6Zqc?= report
        Message-ID: <m1@example.com>
        In-Reply-To: <m0@example.com>
        References: <root@example.com> <m0@example.com>
        Delivered-To: faults@example.com
        Delivered-To: faults+wms@example.com
        Precedence: bulk
        Date: Mon, 3 Mar 2025 09:52:11 +0800

        body line
        """

    @Test("headers are reachable by any case, raw or decoded, single or all")
    func headers() throws {
        let mail = try MIMEParser.parse(bytes: sample.utf8)
        #expect(mail.header("subject") == "故障 report")
        #expect(mail.rawHeader("SUBJECT") == "=?utf-8?B?5pWF6Zqc?= report")
        #expect(mail.header("precedence") == "bulk")
        #expect(mail.headers(named: "delivered-to") == ["faults@example.com", "faults+wms@example.com"])
        #expect(mail.header("X-Missing") == nil)
    }

    @Test("structured fields are parsed")
    func structured() throws {
        let mail = try MIMEParser.parse(Data(sample.utf8))
        #expect(mail.from == [MailAddress(name: "Alice", address: "alice@example.com")])
        #expect(mail.sender == MailAddress(name: "Helpdesk System", address: "noreply@helpdesk.example.com"))
        #expect(mail.to.first?.address == "faults+wms@example.com")
        #expect(mail.to.first?.domain == "example.com")
        #expect(mail.replyTo.first?.description == "Team A <team-a@example.com>")
        #expect(mail.messageID == "m1@example.com")
        #expect(mail.inReplyTo == ["m0@example.com"])
        #expect(mail.references == ["root@example.com", "m0@example.com"])
        #expect(mail.returnPath == "alice@example.com")
        #expect(mail.textBody == "body line")
        #expect(mail.htmlBody == nil)
        #expect(mail.rawSize == sample.utf8.count)
        #expect(mail.rawSHA256.count == 64)
    }

    @Test("a decoded CR or LF in a header never survives into the display value")
    func headerInjection() throws {
        let mail = try MIMEParser.parse(bytes: "Subject: =?utf-8?Q?a=0D=0ABcc:_x@evil.example?=\r\n\r\nbody".utf8)
        #expect(mail.subject == "a  Bcc: x@evil.example")
    }

    @Test("a forwarded message keeps its own warnings, the outer message has them all")
    func forwardedWarnings() throws {
        let message = """
            Subject: outer
            Content-Type: multipart/mixed; boundary=o

            --o
            Content-Type: message/rfc822

            Subject: inner
            Content-Type: multipart/mixed; boundary=i

            --i
            Content-Type: text/plain; charset=utf-8

            \u{0}
            --o--
            """
        let mail = try MIMEParser.parse(bytes: message.utf8)
        let inner = try #require(mail.forwardedMessages.first)
        #expect(inner.warnings.count == 1)
        #expect(inner.warnings.first?.contains("part 1: multipart is missing its final boundary") == true)
        #expect(mail.warnings == inner.warnings)
    }

    @Test("limits can be tightened per call")
    func customLimits() {
        let limits = MIMELimits(maxMessageBytes: 1024, maxParts: 3, maxDepth: 1, maxHeaderBytes: 256, maxHeaderFieldBytes: 64, maxHeaders: 4)
        let message = "Subject: x\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\n1\r\n--b\r\n\r\n2\r\n--b\r\n\r\n3\r\n--b--"
        #expect(throws: MIMEError.tooManyParts(limit: 3)) { try MIMEParser.parse(bytes: message.utf8, limits: limits) }
        #expect(MIMEError.tooManyParts(limit: 3).description == "message has more than 3 MIME parts")
    }
}
