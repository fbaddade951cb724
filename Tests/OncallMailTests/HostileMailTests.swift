import Foundation
import OncallCore
import OncallMail
import Testing

/// Mail that real mailers send, shaped after other MIME libraries' public test suites, which the
/// parser used to get wrong (issue 11, section 3). Each must come out the way a careful mail
/// client shows it: the text kept, what can be decoded decoded, a warning for every guess.
@Suite("Hostile but real mail keeps its text")
struct HostileMailTests {
    private func parse(_ text: String) throws -> ParsedMail {
        try MIMEParser.parse(Data(text.utf8))
    }

    // MARK: - No Content-Type

    @Test("no Content-Type at all is text/plain; 8-bit bytes that are not UTF-8 are read as Latin text")
    func noContentType() throws {
        let mail = try MIMEParser.parse(FixtureLoader.data("28-no-content-type-latin1.eml"))
        #expect(mail.header("Content-Type") == nil)
        #expect(mail.textBody == """
            Die Überwachung meldet: Festplatte voll auf nas-02 (98 %).
            Betroffen: Volume /srv/daten, Freigabe Buchhaltung.
            Bitte prüfen. Grüße aus Köln
            """)
        #expect(mail.attachments.isEmpty)
        #expect(mail.warnings == ["message: body: undeclared 8-bit text decoded as CP1252"])
    }

    @Test("undeclared UTF-8 stays UTF-8, with no warning")
    func noContentTypeUTF8() throws {
        let mail = try parse("From: a@example.com\r\nSubject: s\r\n\r\nGrüße aus Köln, 你好\r\n")
        #expect(mail.textBody == "Grüße aus Köln, 你好")
        #expect(mail.warnings.isEmpty)
    }

    @Test("a part whose type only defaults to message/rfc822 but that holds no message is read as text")
    func digestEntryWithoutHeader() throws {
        let mail = try parse("""
            From: list@example.com\r
            Subject: Daily digest\r
            Content-Type: multipart/digest; boundary=d\r
            \r
            --d\r
            \r
            From: a@example.com\r
            Subject: first entry\r
            \r
            first entry text\r
            --d\r
            \r
            Table of contents: one entry today.\r
            --d--\r

            """)
        #expect(mail.forwardedMessages.map(\.subject) == ["first entry"])
        #expect(mail.textBody == "Table of contents: one entry today.")
        #expect(mail.attachments.isEmpty)
        #expect(mail.warnings == ["part 2: forwarded message has no header; read as text"])
    }

    // MARK: - Unknown charset

    @Test("an unknown charset name: the text kept, decoded by the fallback, the name in a warning")
    func unknownCharset() throws {
        let mail = try MIMEParser.parse(FixtureLoader.data("29-unknown-charset-part.eml"))
        #expect(mail.textBody == """
            Hallo,

            der Drucker im 2. Stock (PRN-2F-01) druckt seit heute früh nur leere Seiten.
            Tonerwechsel und Neustart haben nichts geändert.

            Viele Grüße
            Jürgen Müller
            """)
        #expect(mail.htmlBody?.contains("heute fr&uuml;h nur leere Seiten") == true)
        #expect(mail.warnings == [
            "part 1: body: unknown charset 'x-unknown-foo' decoded as CP1252",
            "part 2: body: unknown charset 'x-unknown-foo' decoded as US-ASCII",
        ])
    }

    @Test("an unknown charset name over valid UTF-8 reads as UTF-8")
    func unknownCharsetUTF8() throws {
        let mail = try parse("""
            From: a@example.com\r
            Subject: s\r
            Content-Type: text/plain; charset="x-unknown-foo"\r
            \r
            三号线扫码枪离线 — Grüße\r

            """)
        #expect(mail.textBody == "三号线扫码枪离线 — Grüße")
        #expect(mail.warnings == ["message: body: unknown charset 'x-unknown-foo' decoded as UTF-8"])
    }

    // MARK: - Invalid base64

    @Test("invalid base64: characters outside the alphabet skipped, a short tail tolerated, warned, nothing dropped")
    func invalidBase64() throws {
        let mail = try MIMEParser.parse(FixtureLoader.data("30-invalid-base64-body.eml"))
        #expect(mail.textBody == """
            仓库 WMS 服务 10:20 起无法登录，提示“数据库连接池耗尽”。
            已重启 wms-app-01，十分钟后再次出现。请值班同事协助排查。
            """)
        let pdf = try #require(mail.attachments.first)
        #expect(mail.attachments.count == 1)
        #expect(pdf.filename == "wms-error.pdf")
        #expect(pdf.size == 30)
        #expect(pdf.data.starts(with: Data("%PDF-1.4\n".utf8)))
        #expect(mail.warnings == [
            "part 1: base64 body: skipped 6 character(s) outside the base64 alphabet; the data ends without its padding",
            "part 2: base64 body: a lone character at the end of a quantum was dropped (truncated data?)",
        ])
    }

    @Test("a text part whose base64 decodes to nothing keeps its characters as written")
    func base64DecodingToNothing() throws {
        let mail = try parse("""
            From: a@example.com\r
            Subject: s\r
            Content-Type: text/plain; charset=utf-8\r
            Content-Transfer-Encoding: base64\r
            \r
            !!! ??? !!!\r

            """)
        #expect(mail.textBody == "!!! ??? !!!")
        #expect(mail.warnings == [
            "message: base64 body: skipped 9 character(s) outside the base64 alphabet",
            "message: base64 body decodes to nothing; kept the text as written",
        ])
    }

    // MARK: - First header line is a continuation

    @Test("a first header line that is a continuation is skipped; every field after it is read")
    func firstLineContinuation() throws {
        let mail = try MIMEParser.parse(FixtureLoader.data("31-first-header-line-continuation.eml"))
        #expect(mail.headers.map(\.name) == [
            "Delivered-To", "Received", "From", "To", "Subject", "Date", "Message-ID", "MIME-Version",
            "Content-Type", "Content-Transfer-Encoding",
        ])
        #expect(mail.header("Delivered-To") == "faults@example.com")
        #expect(mail.header("Received")?.hasPrefix("from app-07.example.com (app-07.example.com [10.0.7.7]) by mx1") == true)
        #expect(mail.messageID == "sync-20250318080001@app-07.example.com")
        #expect(mail.textBody == "库存同步服务 inventory-sync 自 07:40 起无响应，队列积压 12000 条。")
        #expect(mail.warnings == [
            "message: skipped a continuation line with no header before it",
            "message: skipped a continuation line with no header before it",
        ])
    }

    @Test("the same inside a part and inside a forwarded message", arguments: [" ", "\t", " stray text"])
    func continuationFirstInPartAndForward(line: String) throws {
        let part = try parse("""
            From: a@example.com\r
            Subject: outer\r
            Content-Type: multipart/mixed; boundary=b\r
            \r
            --b\r
            \(line)\r
            Content-Type: text/html; charset=utf-8\r
            \r
            <p>part text</p>\r
            --b--\r

            """)
        #expect(part.htmlBody == "<p>part text</p>")
        #expect(part.warnings == ["part 1: skipped a continuation line with no header before it"])

        let forward = try parse("""
            From: a@example.com\r
            Subject: outer\r
            Content-Type: message/rfc822\r
            \r
            \(line)\r
            From: b@example.com\r
            Subject: inner\r
            \r
            inner text\r

            """)
        #expect(forward.forwardedMessages.first?.subject == "inner")
        #expect(forward.textBody == "inner text")
    }

    @Test("a whitespace-only line before a part's content is still its blank separator")
    func whitespaceSeparatorInPart() throws {
        let mail = try parse("From: a@example.com\r\nSubject: s\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n \r\nno header here\r\n--b--\r\n")
        #expect(mail.textBody == "no header here")
    }

    // MARK: - Forwarded message/rfc822 holding the only text

    @Test("a forward whose own alternative is empty reads the inline forwarded message, which has no Content-Type")
    func forwardWithEmptyOuter() throws {
        let mail = try MIMEParser.parse(FixtureLoader.data("32-forward-inline-rfc822-empty-outer.eml"))
        let forwarded = try #require(mail.forwardedMessages.first)
        #expect(forwarded.subject == "冷库 3 号温度报警")
        #expect(forwarded.from == [MailAddress(name: "冷库监控", address: "coldroom@iot.example.cn")])
        #expect(forwarded.header("Content-Type") == nil)
        #expect(mail.textBody == "报警：冷库 3 号温度 -8.5°C，高于阈值 -15.0°C，已持续 25 分钟。\n压缩机 2 报故障代码 E42。")
        #expect(mail.textBody == forwarded.textBody)
        #expect(mail.htmlBody?.contains("WordSection1") == true)
        #expect(mail.warnings.isEmpty, "\(mail.warnings)")
    }

    @Test("a message/rfc822 part with no header of its own is read as text, not hidden as a file")
    func forwardWithoutHeader() throws {
        let mail = try parse("""
            From: a@example.com\r
            Subject: FW: printer\r
            Content-Type: multipart/mixed; boundary=x\r
            \r
            --x\r
            Content-Type: text/plain\r
            \r
            See below.\r
            --x\r
            Content-Type: message/rfc822\r
            Content-Disposition: inline\r
            \r
            The printer on floor 2 prints blank pages.\r
            --x--\r

            """)
        #expect(mail.textBody == "See below.\n\nThe printer on floor 2 prints blank pages.")
        #expect(mail.attachments.isEmpty)
        #expect(mail.warnings == ["part 2: forwarded message has no header; read as text"])
    }

    // MARK: - A 210 KB Subject

    /// A Subject of encoded words at least `bytes` long, and the text it decodes to. The base64
    /// of the whole text is cut every 57 characters (not a multiple of 4, as some encoders cut),
    /// one word per folded line, so decoding must join the words into one run.
    private static func foldedSubject(atLeast bytes: Int) -> (header: String, text: String) {
        var pieces: [String] = []
        var textBytes = 0
        // 57 base64 characters carry 42.75 bytes of text and take a 72-byte folded line.
        while textBytes * 72 / 43 < bytes {
            let piece = "第\(pieces.count)台服务器磁盘告警；"
            pieces.append(piece)
            textBytes += piece.utf8.count
        }
        let text = pieces.joined()
        let encoded = Array(Data(text.utf8).base64EncodedString())
        let words = stride(from: 0, to: encoded.count, by: 57).map {
            "=?UTF-8?B?" + String(encoded[$0..<min($0 + 57, encoded.count)]) + "?="
        }
        return ("Subject: " + words.joined(separator: "\r\n "), text)
    }

    @Test("a 210 KB folded Subject of encoded words is accepted within the message limit and decoded whole")
    func hugeFoldedSubject() throws {
        let (header, text) = Self.foldedSubject(atLeast: 215_000)
        #expect(header.utf8.count > 210 * 1024)
        let message = "From: Monitor <monitor@example.com>\r\nTo: faults@example.com\r\n" + header
            + "\r\nDate: Tue, 18 Mar 2025 09:00:00 +0800\r\n\r\nsee subject\r\n"
        let mail = try parse(message)
        #expect(mail.subject == text)
        #expect(mail.header("Date") != nil, "the fields after the Subject are read")
        #expect(mail.textBody == "see subject")
        #expect(mail.warnings.isEmpty, "\(mail.warnings.prefix(3))")

        // The intake cuts it to what the incident keeps.
        guard case let .report(form) = MailIntake.decide(mail, envelopeTo: [], rules: IntakeRules()) else {
            Issue.record("the mail did not become a report")
            return
        }
        #expect(form.subject == String(text.prefix(499)) + "…")
    }

    @Test("a caller's tighter header limits still refuse or truncate")
    func tighterHeaderLimits() throws {
        let (header, _) = Self.foldedSubject(atLeast: 215_000)
        let message = Data(("From: a@example.com\r\n" + header + "\r\n\r\nbody\r\n").utf8)
        #expect(throws: MIMEError.headerTooLong(limit: 64 * 1024)) {
            try MIMEParser.parse(message, limits: MIMELimits(maxHeaderBytes: 64 * 1024))
        }
        let truncated = try MIMEParser.parse(message, limits: MIMELimits(maxHeaderFieldBytes: 16 * 1024))
        #expect(truncated.warnings.contains("message: header Subject truncated to 16384 bytes"))
        #expect((truncated.subject?.count ?? 0) > 1000)
    }
}
