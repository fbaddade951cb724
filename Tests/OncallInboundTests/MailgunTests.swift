import Crypto
import Foundation
import OncallMail
import Testing
@testable import OncallInbound

@Suite("Mailgun route forwarding")
struct MailgunTests {
    static let key = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0"
    static let integration = InboundIntegration(name: "faults", kind: .mailgun, signingKey: key)
    static let token = "e0b5477167110d68991efc6b9f89f0a11066af27834600e123"

    /// The signature as Mailgun documents it, computed here with CryptoKit's HMAC directly.
    static func signature(timestamp: String, token: String, key: String = key) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data((timestamp + token).utf8), using: SymmetricKey(data: Data(key.utf8)))
        return mac.map { String(format: "%02x", $0) }.joined()
    }

    static let messageHeaders = """
        [["Received", "from mail.customer.example.cn by mxa.mailgun.org with ESMTP id 6553; Tue, 14 Nov 2023 22:13:00 +0000"], \
        ["Return-Path", "<helpdesk@customer.example.cn>"], \
        ["From", "=?UTF-8?B?5LuT5YKo5Lit5b+D?= <helpdesk@customer.example.cn>"], \
        ["To", "\\"Faults, Ops\\" <faults+wms@example.com>"], \
        ["Subject", "=?UTF-8?B?6K6i5Y2V57O757uf5peg5rOV55m75b2V?="], \
        ["Date", "Tue, 14 Nov 2023 22:12:55 +0000"], \
        ["Message-Id", "<CAF=abc123@mail.customer.example.cn>"], \
        ["In-Reply-To", "<inc-000042.1699999999@oncall.example.com>"], \
        ["References", "<first@customer.example.cn> <inc-000042.1699999999@oncall.example.com>"], \
        ["Mime-Version", "1.0"], \
        ["Content-Type", "multipart/alternative; boundary=\\"000000000000a1b2c3\\""]]
        """

    /// The fields of a parsed forward, in the order Mailgun posts them.
    static func fields(timestamp: String = "1700000000", token: String = token, signature: String? = nil) -> [(String, String)] {
        [
            ("recipient", "faults+wms@example.com"),
            ("sender", "helpdesk@customer.example.cn"),
            ("subject", "订单系统无法登录"),
            ("from", "仓储中心 <helpdesk@customer.example.cn>"),
            ("X-Envelope-From", "<helpdesk@customer.example.cn>"),
            ("Message-Id", "<CAF=abc123@mail.customer.example.cn>"),
            ("In-Reply-To", "<inc-000042.1699999999@oncall.example.com>"),
            ("References", "<first@customer.example.cn> <inc-000042.1699999999@oncall.example.com>"),
            ("message-headers", messageHeaders),
            ("body-plain", "问题主题：订单系统无法登录\r\n提出单位：仓储中心\r\n\r\n> earlier text\r\n"),
            ("stripped-text", "问题主题：订单系统无法登录\r\n提出单位：仓储中心"),
            ("stripped-signature", ""),
            ("body-html", "<div>问题主题：订单系统无法登录</div>"),
            ("stripped-html", "<div>问题主题：订单系统无法登录</div>"),
            ("timestamp", timestamp),
            ("token", token),
            ("signature", signature ?? Self.signature(timestamp: timestamp, token: token)),
        ]
    }

    static func urlencoded(_ fields: [(String, String)]) -> InboundHTTPRequest {
        InboundHTTPRequest(headers: [("Content-Type", "application/x-www-form-urlencoded")], body: URLEncodedForm.encode(fields))
    }

    @Test("a urlencoded parsed forward becomes a mail with threading, envelope and bodies")
    func urlencodedForward() throws {
        let payload = try decode(Self.urlencoded(Self.fields()), Self.integration)
        let (parsed, envelopeTo, eventID) = try #require(mail(payload))
        #expect(envelopeTo == ["faults+wms@example.com"])
        #expect(eventID == nil)
        #expect(parsed.subject == "订单系统无法登录")
        #expect(parsed.from == [MailAddress(name: "仓储中心", address: "helpdesk@customer.example.cn")])
        #expect(parsed.to == [MailAddress(name: "Faults, Ops", address: "faults+wms@example.com")])
        #expect(parsed.messageID == "CAF=abc123@mail.customer.example.cn")
        #expect(parsed.inReplyTo == ["inc-000042.1699999999@oncall.example.com"])
        #expect(parsed.references == ["first@customer.example.cn", "inc-000042.1699999999@oncall.example.com"])
        #expect(parsed.returnPath == "helpdesk@customer.example.cn")
        #expect(parsed.date == Date(timeIntervalSince1970: 1_699_999_975))
        #expect(parsed.textBody?.hasPrefix("问题主题：订单系统无法登录\n提出单位：仓储中心\n") == true)
        #expect(parsed.htmlBody == "<div>问题主题：订单系统无法登录</div>")
        #expect(parsed.header("Mime-Version") == "1.0")
        #expect(parsed.rawSHA256.count == 64)
        #expect(parsed.attachments.isEmpty)
    }

    @Test("the content digest ignores the signature fields, so a re-post digests the same")
    func digestIgnoresSignature() throws {
        let first = try #require(mail(try decode(Self.urlencoded(Self.fields()), Self.integration)))
        let repost = Self.fields(timestamp: "1700000100", token: String(repeating: "b", count: 50))
        let second = try #require(mail(try decode(Self.urlencoded(repost), Self.integration)))
        #expect(first.mail.rawSHA256 == second.mail.rawSHA256)
    }

    @Test("a multipart forward with three attachments keeps each file's name, type and bytes")
    func multipartWithThreeAttachments() throws {
        var body = MultipartBody(boundary: "0e3fa9d1c6ac4b2e8d43e1a2f9b7c501")
        for (name, value) in Self.fields() where name != "body-html" && name != "stripped-html" {
            body.field(name, value)
        }
        body.field("attachment-count", "3")
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0x0D, count: 40) + [0x00, 0x2D, 0x2D])
        let log = Data("2023-11-14 22:05:01 ERROR login timeout\r\n--0e3fa9d1 not a boundary\r\n".utf8)
        let pdf = Data("%PDF-1.4\n".utf8 + Array(repeating: 0xFF, count: 300))
        body.file("attachment-1", filename: "故障截图.png", contentType: "image/png", data: png)
        body.file("attachment-2", filename: "server.log", contentType: "text/plain", data: log)
        body.file("attachment-3", filename: "C:\\Users\\ops\\报告.pdf", contentType: "application/pdf", data: pdf)
        body.field("content-id-map", "{\"<ii_shot1@customer.example.cn>\": \"attachment-1\"}")
        let request = InboundHTTPRequest(headers: [("Content-Type", body.contentType)], body: body.finished())

        let parsed = try #require(mail(try decode(request, Self.integration))).mail
        #expect(parsed.attachments.map(\.filename) == ["故障截图.png", "server.log", "报告.pdf"])
        #expect(parsed.attachments.map(\.contentType) == ["image/png", "text/plain", "application/pdf"])
        #expect(parsed.attachments.map(\.data) == [png, log, pdf])
        #expect(parsed.attachments.map(\.size) == [png.count, log.count, pdf.count])
        #expect(parsed.attachments[0].contentID == "ii_shot1@customer.example.cn")
        #expect(parsed.attachments[0].isInline)
        #expect(parsed.attachments[2].sha256 == SHA256.hash(data: pdf).map { String(format: "%02x", $0) }.joined())
        #expect(parsed.warnings.isEmpty)
        #expect(parsed.subject == "订单系统无法登录")
    }

    @Test("the body-mime variant is parsed as raw MIME")
    func bodyMime() throws {
        let mime = """
            From: Ops <ops@customer.example.cn>\r
            To: faults@example.com\r
            Subject: =?GB2312?B?tqm1pc+1zbPO3reotcfCvA==?=\r
            Message-ID: <raw-1@customer.example.cn>\r
            Content-Type: text/plain; charset=UTF-8\r
            \r
            body text\r

            """
        var body = MultipartBody(boundary: "b1_mime")
        body.field("recipient", "faults@example.com")
        body.field("sender", "ops@customer.example.cn")
        body.field("from", "Ops <ops@customer.example.cn>")
        body.field("subject", "订单系统无法登录")
        body.field("body-mime", mime)
        body.field("timestamp", "1700000000")
        body.field("token", Self.token)
        body.field("signature", Self.signature(timestamp: "1700000000", token: Self.token))
        let request = InboundHTTPRequest(headers: [("Content-Type", body.contentType)], body: body.finished())
        let (parsed, envelopeTo, _) = try #require(mail(try decode(request, Self.integration)))
        #expect(parsed.subject == "订单系统无法登录")
        #expect(parsed.messageID == "raw-1@customer.example.cn")
        #expect(parsed.textBody?.hasPrefix("body text") == true)
        #expect(envelopeTo == ["faults@example.com"])
    }

    @Test("body-mime that is not a message is quarantined with its bytes")
    func bodyMimeUnparseable() throws {
        let form = [
            ("recipient", "faults@example.com"), ("body-mime", "\r\n\r\n"), ("timestamp", "1700000000"), ("token", Self.token),
            ("signature", Self.signature(timestamp: "1700000000", token: Self.token)),
        ]
        let error = try #require(refusal(Self.urlencoded(form), Self.integration))
        #expect(error.status == 422)
        #expect(error.raw == Data("\r\n\r\n".utf8))
        #expect(error.rawContentType == "message/rfc822")
    }

    @Test("a wrong signature is refused with 401")
    func wrongSignature() throws {
        let forged = Self.signature(timestamp: "1700000000", token: Self.token, key: "key-someone-else")
        let error = try #require(refusal(Self.urlencoded(Self.fields(signature: forged)), Self.integration))
        #expect(error.status == 401)
    }

    @Test("a signature that is not hex, or missing, is refused with 401")
    func missingSignature() throws {
        let notHex = Self.fields(signature: "zz")
        #expect(refusal(Self.urlencoded(notHex), Self.integration)?.status == 401)
        let unsigned = Self.fields().filter { $0.0 != "signature" }
        #expect(refusal(Self.urlencoded(unsigned), Self.integration)?.status == 401)
    }

    @Test("a tampered timestamp breaks the signature", arguments: ["1700000001", "1699999999"])
    func tamperedTimestamp(_ timestamp: String) throws {
        var fields = Self.fields()
        fields[fields.firstIndex { $0.0 == "timestamp" }!].1 = timestamp
        #expect(refusal(Self.urlencoded(fields), Self.integration)?.status == 401)
    }

    @Test("timestamps outside the skew window are refused, either way", arguments: [-301.0, 301.0, 86_400.0])
    func staleTimestamp(_ offset: Double) throws {
        let timestamp = String(Int(t0.timeIntervalSince1970 + offset))
        let error = try #require(refusal(Self.urlencoded(Self.fields(timestamp: timestamp)), Self.integration))
        #expect(error.status == 401)
        #expect(error.message.contains("timestamp"))
    }

    @Test("a timestamp at the edge of the window is accepted", arguments: [-300.0, 300.0])
    func timestampAtEdge(_ offset: Double) throws {
        let timestamp = String(Int(t0.timeIntervalSince1970 + offset))
        #expect(refusal(Self.urlencoded(Self.fields(timestamp: timestamp)), Self.integration) == nil)
    }

    @Test("a replayed token is refused with 401")
    func replayedToken() throws {
        let error = try #require(refusal(Self.urlencoded(Self.fields()), Self.integration, seen: [Self.token]))
        #expect(error.status == 401)
        #expect(error.message.contains("replay"))
    }

    @Test("the replay store is asked only after the signature and timestamp pass")
    func replayStoreConsultedLast() throws {
        final class Calls: @unchecked Sendable { var tokens: [String] = [] }
        let calls = Calls()
        let forged = Self.fields(signature: Self.signature(timestamp: "1700000000", token: Self.token, key: "wrong"))
        _ = try? InboundDecoder.decode(Self.urlencoded(forged), integration: Self.integration, now: t0) { calls.tokens.append($0); return false }
        let stale = Self.fields(timestamp: "1600000000")
        _ = try? InboundDecoder.decode(Self.urlencoded(stale), integration: Self.integration, now: t0) { calls.tokens.append($0); return false }
        #expect(calls.tokens.isEmpty)
        _ = try InboundDecoder.decode(Self.urlencoded(Self.fields()), integration: Self.integration, now: t0) { calls.tokens.append($0); return false }
        #expect(calls.tokens == [Self.token])
    }

    @Test("an integration without a signing key refuses everything")
    func noKeyConfigured() throws {
        let open = InboundIntegration(name: "faults", kind: .mailgun)
        #expect(refusal(Self.urlencoded(Self.fields()), open)?.status == 401)
        #expect(!open.problems.isEmpty)
        #expect(Self.integration.problems.isEmpty)
    }

    @Test("a JSON body is not a Mailgun form")
    func wrongContentType() throws {
        let request = InboundHTTPRequest(headers: [("Content-Type", "application/json")], body: Data("{}".utf8))
        #expect(refusal(request, Self.integration)?.status == 415)
    }

    @Test("a truncated multipart post is malformed, not a message")
    func truncatedMultipart() throws {
        var body = MultipartBody(boundary: "trunc")
        for (name, value) in Self.fields() { body.field(name, value) }
        let cut = body.finished().dropLast(30)
        let request = InboundHTTPRequest(headers: [("Content-Type", body.contentType)], body: Data(cut))
        #expect(refusal(request, Self.integration)?.status == 400)
    }

    @Test("a message over the size limit is refused with 413 before parsing")
    func tooLarge() throws {
        var small = Self.integration
        small.limits = MIMELimits(maxMessageBytes: 1024)
        let fields = Self.fields() + [("body-plain", String(repeating: "x", count: 2048))]
        #expect(refusal(Self.urlencoded(fields), small)?.status == 413)
    }
}
