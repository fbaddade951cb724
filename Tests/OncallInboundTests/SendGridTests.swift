import Foundation
import OncallMail
import Testing
@testable import OncallInbound

@Suite("SendGrid Inbound Parse")
struct SendGridTests {
    static let basic = InboundIntegration(name: "sg", kind: .sendgrid, basicUser: "sendgrid", basicPassword: "s3cret-Parse-pw")
    static let keyed = InboundIntegration(name: "sg", kind: .sendgrid, urlSecret: "u7Hq2-url-secret")
    static let auth = basicAuthorization("sendgrid", "s3cret-Parse-pw")

    /// GB2312 bytes (from Python's `str.encode("gb2312")`).
    static let subjectGB2312 = hexBytes("b6a9b5a5cfb5cdb3cedeb7a8b5c7c2bc") // 订单系统无法登录
    static let textGB2312 = hexBytes("cbf9d3d0d3c3bba7b5c7c2bcb3accab1a1a30d0ac7ebbea1bfecb4a6c0eda1a30d0a") // 所有用户登录超时。\r\n请尽快处理。\r\n
    static let fromGB2312 = hexBytes("b2d6b4a2d6d0d0c4d6b5b0e0d4b1203c647574794077682e6578616d706c652e636e3e") // 仓储中心值班员 <duty@wh.example.cn>

    static let headers = """
        Received: from mail.wh.example.cn (mail.wh.example.cn [203.0.113.7]) by mx.sendgrid.net with ESMTP id na9Xi\r
         for <faults+wms@parse.example.com>; Tue, 14 Nov 2023 22:13:01 +0000 (UTC)\r
        Return-Path: <duty@wh.example.cn>\r
        From: =?gb2312?B?sta0otbQ0MTWtbDg1LE=?= <duty@wh.example.cn>\r
        To: faults+wms@parse.example.com\r
        Subject: =?gb2312?B?tqm1pc+1zbPO3reotcfCvA==?=\r
        Date: Wed, 15 Nov 2023 06:12:58 +0800\r
        Message-ID: <000001da1734$5c2b1e40$@wh.example.cn>\r
        In-Reply-To: <inc-000042.1699999999@oncall.example.com>\r
        MIME-Version: 1.0\r
        Content-Type: multipart/mixed; boundary="----=_NextPart_000_0001_01DA1777.6A4E5E40"\r
        X-Mailer: Microsoft Outlook 14.0\r

        """

    /// A parsed-mode post shaped like SendGrid's (boundary `xYzZY`, fields in its order).
    static func parsedPost(attachments: [(String, String, Data)] = []) -> MultipartBody {
        var body = MultipartBody(boundary: "xYzZY")
        body.field("headers", headers)
        body.field("dkim", "{@wh.example.cn : pass}")
        body.field("to", "faults+wms@parse.example.com")
        body.field("text", bytes: textGB2312)
        body.field("from", bytes: fromGB2312)
        body.field("sender_ip", "203.0.113.7")
        body.field("envelope", "{\"to\":[\"faults+wms@parse.example.com\"],\"from\":\"duty@wh.example.cn\"}")
        body.field("attachments", String(attachments.count))
        body.field("subject", bytes: subjectGB2312)
        if !attachments.isEmpty {
            let info = attachments.enumerated().map { index, attachment in
                "\"attachment\(index + 1)\":{\"filename\":\"\(attachment.0)\",\"name\":\"\(attachment.0)\",\"type\":\"\(attachment.1)\"}"
            }
            body.field("attachment-info", "{" + info.joined(separator: ",") + "}")
        }
        body.field("charsets", "{\"to\":\"UTF-8\",\"text\":\"gb2312\",\"from\":\"gb2312\",\"subject\":\"gb2312\"}")
        body.field("SPF", "pass")
        for (index, attachment) in attachments.enumerated() {
            body.file("attachment\(index + 1)", filename: attachment.0, contentType: attachment.1, data: attachment.2)
        }
        return body
    }

    static func request(_ body: MultipartBody, headers: [(String, String)] = [auth], query: [String: String] = [:]) -> InboundHTTPRequest {
        InboundHTTPRequest(headers: [("Content-Type", body.contentType), ("User-Agent", "Sendlib/1.0")] + headers, query: query, body: body.finished())
    }

    @Test("parsed mode: fields in GB2312 are decoded with the charsets that `charsets` names")
    func parsedModeGB2312() throws {
        let (parsed, envelopeTo, eventID) = try #require(mail(try decode(Self.request(Self.parsedPost()), Self.basic)))
        #expect(parsed.subject == "订单系统无法登录")
        #expect(parsed.textBody == "所有用户登录超时。\n请尽快处理。\n")
        #expect(parsed.from == [MailAddress(name: "仓储中心值班员", address: "duty@wh.example.cn")])
        #expect(parsed.to.map(\.address) == ["faults+wms@parse.example.com"])
        #expect(parsed.messageID == "000001da1734$5c2b1e40$@wh.example.cn")
        #expect(parsed.inReplyTo == ["inc-000042.1699999999@oncall.example.com"])
        #expect(parsed.returnPath == "duty@wh.example.cn")
        #expect(parsed.date == Date(timeIntervalSince1970: 1_699_999_978))
        #expect(parsed.header("X-Mailer") == "Microsoft Outlook 14.0")
        #expect(envelopeTo == ["faults+wms@parse.example.com"])
        #expect(eventID == nil)
        #expect(parsed.warnings.isEmpty)
    }

    @Test("without the charsets field the GB2312 bytes are still recovered, with a warning")
    func parsedModeWithoutCharsets() throws {
        var body = MultipartBody(boundary: "xYzZY")
        // Some relays hand over the header block with bare LF line ends.
        body.field("headers", "From: duty@wh.example.cn\nTo: faults@parse.example.com\nMessage-ID: <lf-1@wh.example.cn>\n")
        body.field("subject", bytes: Self.subjectGB2312)
        body.field("text", "hello")
        let parsed = try #require(mail(try decode(Self.request(body), Self.basic))).mail
        #expect(parsed.subject == "订单系统无法登录")
        #expect(parsed.messageID == "lf-1@wh.example.cn")
        #expect(parsed.to.map(\.address) == ["faults@parse.example.com"])
        #expect(!parsed.warnings.isEmpty)
    }

    @Test("parsed mode attachments keep names, types and bytes")
    func parsedModeAttachments() throws {
        let xlsx = Data([0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0x0D, count: 20) + Array("--xYzZ".utf8))
        let jpg = Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10])
        let post = Self.parsedPost(attachments: [
            ("库存.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx), ("photo.jpg", "image/jpeg", jpg),
        ])
        let parsed = try #require(mail(try decode(Self.request(post), Self.basic))).mail
        #expect(parsed.attachments.map(\.filename) == ["库存.xlsx", "photo.jpg"])
        #expect(parsed.attachments.map(\.data) == [xlsx, jpg])
        #expect(parsed.attachments[1].contentType == "image/jpeg")
        #expect(parsed.warnings.isEmpty)
    }

    @Test("raw mode: the email field is the whole message")
    func rawMode() throws {
        var body = MultipartBody(boundary: "xYzZY")
        body.field("dkim", "none")
        body.field("email", bytes: Array("""
            From: duty@wh.example.cn\r
            To: faults+erp@parse.example.com\r
            Subject: =?big5?B?pl6z+LT6uNU=?=\r
            Message-ID: <raw-sg-1@wh.example.cn>\r
            \r
            body\r

            """.utf8))
        body.field("to", "faults+erp@parse.example.com")
        body.field("from", "duty@wh.example.cn")
        body.field("subject", "ignored in raw mode")
        body.field("envelope", "{\"to\":[\"faults+erp@parse.example.com\"],\"from\":\"duty@wh.example.cn\"}")
        body.field("charsets", "{\"to\":\"UTF-8\",\"from\":\"UTF-8\",\"subject\":\"UTF-8\"}")
        let (parsed, envelopeTo, _) = try #require(mail(try decode(Self.request(body), Self.basic)))
        #expect(parsed.messageID == "raw-sg-1@wh.example.cn")
        #expect(parsed.subject == "回報測試")
        #expect(envelopeTo == ["faults+erp@parse.example.com"])
    }

    @Test("the URL secret authenticates as well as basic auth")
    func urlSecret() throws {
        let payload = try decode(Self.request(Self.parsedPost(), headers: [], query: ["key": "u7Hq2-url-secret"]), Self.keyed)
        #expect(mail(payload)?.mail.subject == "订单系统无法登录")
        #expect(refusal(Self.request(Self.parsedPost(), headers: [], query: ["key": "u7Hq2-url-secreT"]), Self.keyed)?.status == 401)
    }

    @Test("wrong basic auth is refused with 401")
    func wrongBasicAuth() throws {
        let wrongPassword = basicAuthorization("sendgrid", "s3cret-Parse-pW")
        #expect(refusal(Self.request(Self.parsedPost(), headers: [wrongPassword]), Self.basic)?.status == 401)
        let wrongUser = basicAuthorization("sendgrid2", "s3cret-Parse-pw")
        #expect(refusal(Self.request(Self.parsedPost(), headers: [wrongUser]), Self.basic)?.status == 401)
        let garbage = ("Authorization", "Basic !!!")
        #expect(refusal(Self.request(Self.parsedPost(), headers: [garbage]), Self.basic)?.status == 401)
    }

    @Test("missing credentials are refused with 401")
    func missingAuth() throws {
        let error = try #require(refusal(Self.request(Self.parsedPost(), headers: []), Self.basic))
        #expect(error.status == 401)
        #expect(refusal(Self.request(Self.parsedPost(), headers: []), Self.keyed)?.status == 401)
    }

    @Test("a form without any Inbound Parse field is malformed")
    func notInboundParse() throws {
        var body = MultipartBody(boundary: "xYzZY")
        body.field("hello", "world")
        #expect(refusal(Self.request(body), Self.basic)?.status == 400)
    }
}
