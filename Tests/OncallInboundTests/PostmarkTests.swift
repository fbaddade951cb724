import Foundation
import OncallMail
import Testing
@testable import OncallInbound

@Suite("Postmark inbound webhook")
struct PostmarkTests {
    static let integration = InboundIntegration(name: "pm", kind: .postmark, basicUser: "postmark", basicPassword: "pm-9f8e7d")
    static let pdf = Data("%PDF-1.7\n%âãÏÓ\n1 0 obj".utf8)

    /// A post shaped like Postmark's documented example.
    static func body(attachmentContent: String? = nil) -> Data {
        let json: [String: Any] = [
            "FromName": "仓储中心",
            "MessageStream": "inbound",
            "From": "helpdesk@customer.example.cn",
            "FromFull": ["Email": "helpdesk@customer.example.cn", "Name": "仓储中心", "MailboxHash": ""],
            "To": "\"Faults\" <faults+wms@inbound.example.com>",
            "ToFull": [["Email": "faults+wms@inbound.example.com", "Name": "Faults", "MailboxHash": "wms"]],
            "Cc": "\"Ops\" <ops@customer.example.cn>",
            "CcFull": [["Email": "ops@customer.example.cn", "Name": "Ops", "MailboxHash": ""]],
            "Bcc": "",
            "BccFull": [],
            "OriginalRecipient": "faults+wms@inbound.example.com",
            "Subject": "订单系统无法登录",
            "MessageID": "73e6d360-66eb-11e1-8e72-a8904824019b",
            "ReplyTo": "duty@customer.example.cn",
            "MailboxHash": "wms",
            "Date": "Wed, 15 Nov 2023 06:12:58 +0800",
            "TextBody": "问题主题：订单系统无法登录\r\n提出单位：仓储中心\r\n",
            "HtmlBody": "<html><body><p>问题主题：订单系统无法登录</p></body></html>",
            "StrippedTextReply": "问题主题：订单系统无法登录",
            "Tag": "",
            "Headers": [
                ["Name": "X-Spam-Status", "Value": "No"],
                ["Name": "Return-Path", "Value": "<helpdesk@customer.example.cn>"],
                ["Name": "Message-ID", "Value": "<CAHr=pm-1@mail.customer.example.cn>"],
                ["Name": "In-Reply-To", "Value": "<inc-000042.1699999999@oncall.example.com>"],
                ["Name": "References", "Value": "<inc-000042.1699999999@oncall.example.com>"],
                ["Name": "Auto-Submitted", "Value": "no"],
            ],
            "Attachments": [
                [
                    "Name": "报告.pdf", "Content": attachmentContent ?? pdf.base64EncodedString(), "ContentType": "application/pdf",
                    "ContentLength": pdf.count, "ContentID": "",
                ],
                ["Name": "logo.png", "Content": "iVBORw0KGgo=", "ContentType": "image/png", "ContentLength": 8, "ContentID": "logo@01D"],
            ],
        ]
        return try! JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
    }

    static func request(_ body: Data, auth: (String, String)? = basicAuthorization("postmark", "pm-9f8e7d")) -> InboundHTTPRequest {
        InboundHTTPRequest(headers: [("Content-Type", "application/json")] + (auth.map { [$0] } ?? []), body: body)
    }

    @Test("a Postmark post becomes a mail; MessageID is the event id, the header Message-ID the mail's")
    func decodesPost() throws {
        let (parsed, envelopeTo, eventID) = try #require(mail(try decode(Self.request(Self.body()), Self.integration)))
        #expect(eventID == "73e6d360-66eb-11e1-8e72-a8904824019b")
        #expect(parsed.messageID == "CAHr=pm-1@mail.customer.example.cn")
        #expect(parsed.inReplyTo == ["inc-000042.1699999999@oncall.example.com"])
        #expect(parsed.subject == "订单系统无法登录")
        #expect(parsed.from == [MailAddress(name: "仓储中心", address: "helpdesk@customer.example.cn")])
        #expect(parsed.to == [MailAddress(name: "Faults", address: "faults+wms@inbound.example.com")])
        #expect(parsed.cc.map(\.address) == ["ops@customer.example.cn"])
        #expect(parsed.replyTo.map(\.address) == ["duty@customer.example.cn"])
        #expect(parsed.returnPath == "helpdesk@customer.example.cn")
        #expect(parsed.date == Date(timeIntervalSince1970: 1_699_999_978))
        #expect(parsed.textBody == "问题主题：订单系统无法登录\n提出单位：仓储中心\n")
        #expect(parsed.header("Auto-Submitted") == "no")
        #expect(parsed.attachments.map(\.filename) == ["报告.pdf", "logo.png"])
        #expect(parsed.attachments[0].data == Self.pdf)
        #expect(parsed.attachments[1].contentID == "logo@01D")
        #expect(envelopeTo == ["faults+wms@inbound.example.com"])
    }

    @Test("wrong basic auth is refused with 401")
    func wrongAuth() throws {
        #expect(refusal(Self.request(Self.body(), auth: basicAuthorization("postmark", "nope")), Self.integration)?.status == 401)
        #expect(refusal(Self.request(Self.body(), auth: ("Authorization", "Bearer pm-9f8e7d")), Self.integration)?.status == 401)
    }

    @Test("missing basic auth is refused with 401")
    func missingAuth() throws {
        #expect(refusal(Self.request(Self.body(), auth: nil), Self.integration)?.status == 401)
    }

    @Test("invalid UTF-8 and non-objects are malformed (400)")
    func malformed() throws {
        #expect(refusal(Self.request(Data([0x7B, 0xFF, 0x7D])), Self.integration)?.status == 400)
        #expect(refusal(Self.request(Data("[1, 2]".utf8)), Self.integration)?.status == 400)
        #expect(refusal(Self.request(Data("{\"From\": ".utf8)), Self.integration)?.status == 400)
    }

    @Test("an authentic post whose attachment is not base64 is quarantined with the whole JSON")
    func badAttachment() throws {
        let body = Self.body(attachmentContent: "not base64 at all!")
        let error = try #require(refusal(Self.request(body), Self.integration))
        #expect(error.status == 422)
        #expect(error.raw == body)
        #expect(error.rawContentType == "application/json")
    }

    @Test("refusing for good is 403 for Postmark and 406 for Mailgun")
    func permanentRefusal() {
        #expect(InboundDecoder.permanentRefusalStatus(for: .postmark) == 403)
        #expect(InboundDecoder.permanentRefusalStatus(for: .mailgun) == 406)
        for kind in [InboundIntegration.Kind.sendgrid, .ses, .rfc822, .alertmanager, .json] {
            #expect(InboundDecoder.permanentRefusalStatus(for: kind) == 400)
        }
    }
}
