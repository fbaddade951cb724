import Foundation
import OncallMail
import Testing

@Suite("Real-world-shaped fixtures")
struct FixtureTests {
    @Test("every fixture decodes its subject, sender and body", arguments: FixtureExpectation.all)
    func decodes(expected: FixtureExpectation) throws {
        let mail = try MIMEParser.parse(FixtureLoader.data(expected.file))
        #expect(mail.subject == expected.subject)
        #expect(mail.from.first?.address == expected.fromAddress)
        #expect(mail.from.first?.name == expected.fromName)
        let body = try #require(mail.textBody)
        #expect(body.contains(expected.bodyExcerpt), "body was: \(body)")
    }

    @Test("every fixture file has an expectation")
    func allFixturesCovered() throws {
        let covered = Set(FixtureExpectation.all.map(\.file))
        #expect(Set(try FixtureLoader.names()) == covered)
    }

    @Test("a forwarded message carries its three attachments with names, types, sizes and hashes")
    func forwardedAttachments() throws {
        let mail = try MIMEParser.parse(FixtureLoader.data("03-forward-three-attachments.eml"))
        #expect(mail.textBody?.hasPrefix("请看附件中的原始报障邮件") == true)
        #expect(mail.attachments.map(\.filename) == ["screenshot.png", "wms-print.log", "系统配置.zip"])
        #expect(mail.attachments.map(\.contentType) == ["image/png", "text/plain", "application/zip"])
        #expect(mail.attachments.map(\.size) == [74, 117, 22])
        #expect(mail.attachments[0].sha256 == "27ce4cd0859ffa137ec951b62df9ba8c19d37ac07d2c166a4ab6a2a3be1e9ae8")
        #expect(mail.attachments[0].data.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        #expect(mail.attachments.allSatisfy { !$0.isInline })

        let forwarded = try #require(mail.forwardedMessages.first)
        #expect(forwarded.subject == "仓库系统无法登录")
        #expect(forwarded.from == [MailAddress(name: "赵强", address: "zhaoqiang@customer.example")])
        #expect(forwarded.messageID == "202503051001331234567@customer.example")
        #expect(forwarded.textBody?.contains("登录后一直提示“会话已过期”，全仓无法作业。") == true)
        #expect(forwarded.attachments.count == 3)
        #expect(mail.warnings.isEmpty, "\(mail.warnings)")
    }

    @Test("with no text of its own, a forward of a forward reads the innermost body")
    func nestedForward() throws {
        let mail = try MIMEParser.parse(FixtureLoader.data("04-nested-forward-no-outer-text.eml"))
        let middle = try #require(mail.forwardedMessages.first)
        let inner = try #require(middle.forwardedMessages.first)
        #expect(middle.subject == "FW: Cold room 3 temperature above threshold")
        #expect(inner.subject == "Cold room 3 temperature above threshold")
        #expect(inner.messageID == "alarm-77812@iot.example.net")
        #expect(mail.textBody == inner.textBody)
        #expect(mail.attachments.isEmpty)
    }

    @Test("the documented charset fallbacks leave a warning naming the charset used")
    func fallbackWarnings() throws {
        let gbkAsUTF8 = try MIMEParser.parse(FixtureLoader.data("13-mislabelled-utf8-actually-gbk.eml"))
        #expect(gbkAsUTF8.warnings.contains { $0.contains("'utf-8'") && $0.contains("GB18030") }, "\(gbkAsUTF8.warnings)")

        let rawGBK = try MIMEParser.parse(FixtureLoader.data("11-raw-gbk-headers.eml"))
        #expect(rawGBK.warnings.contains { $0.contains("header Subject") && $0.contains("GB18030") }, "\(rawGBK.warnings)")

        let unknown = try MIMEParser.parse(FixtureLoader.data("24-unknown-charset-label.eml"))
        #expect(unknown.warnings.contains { $0.contains("x-factory-cs") && $0.contains("GB18030") }, "\(unknown.warnings)")

        // GB2312 read as GB18030 is the documented superset, not a fallback: no warning.
        let gb2312 = try MIMEParser.parse(FixtureLoader.data("12-mislabelled-gb2312-with-gbk.eml"))
        #expect(gb2312.warnings.isEmpty, "\(gb2312.warnings)")
    }

    @Test("RFC 2231 continuations, encoded-word names and raw UTF-8 names all decode")
    func attachmentNames() throws {
        let mail = try MIMEParser.parse(FixtureLoader.data("19-rfc2231-chinese-filename.eml"))
        #expect(mail.attachments.map(\.filename) == ["故障截图-收银台.png", "网络诊断报告.pdf", "路由器配置.txt"])
        #expect(mail.attachments.map(\.contentType) == ["image/png", "application/pdf", "text/plain"])
        #expect(String(decoding: mail.attachments[2].data, as: UTF8.self).contains("interface wan0"))

        let japanese = try MIMEParser.parse(FixtureLoader.data("20-shift-jis.eml"))
        #expect(japanese.attachments.map(\.filename) == ["障害報告.pdf"])
    }

    @Test("an inline image keeps its Content-ID and the HTML becomes the text body")
    func relatedInlineImage() throws {
        let mail = try MIMEParser.parse(FixtureLoader.data("22-related-inline-image-apple.eml"))
        let image = try #require(mail.attachments.first)
        #expect(image.isInline)
        #expect(image.contentID == "B1A2C3D4-label@example.com")
        #expect(image.filename == "label.png")
        #expect(mail.htmlBody?.contains("cid:B1A2C3D4-label@example.com") == true)
        #expect(mail.date == Date(timeIntervalSince1970: 1_741_845_739))
    }

    @Test("plain text is preferred to HTML in an alternative")
    func prefersPlain() throws {
        let mail = try MIMEParser.parse(FixtureLoader.data("14-helpdesk-report-form.eml"))
        #expect(mail.textBody?.hasPrefix("问题主题：WMS 出库单无法打印") == true)
        #expect(mail.htmlBody?.contains("<td>提出单位</td>") == true)
        #expect(mail.messageID == "ticket-20250303-0042@helpdesk.corp.example.com")
    }

    @Test("a bounce has the null return path and keeps its report parts as attachments")
    func bounce() throws {
        let mail = try MIMEParser.parse(FixtureLoader.data("23-bounce-dsn.eml"))
        #expect(mail.returnPath == "")
        #expect(mail.header("auto-submitted") == "auto-replied")
        #expect(mail.attachments.map(\.contentType) == ["message/delivery-status", "text/rfc822-headers"])
        #expect(mail.date == Date(timeIntervalSince1970: 1_741_849_200))
    }

    @Test("malformed headers: folds, stray lines and duplicates")
    func malformedHeaders() throws {
        let mail = try MIMEParser.parse(FixtureLoader.data("16-folded-malformed-headers.eml"))
        #expect(mail.to.map(\.address) == ["faults@example.com", "oncall@example.com", "extra@example.com"])
        #expect(mail.header("x-spam-score") == "0.1")
        #expect(mail.header("Received")?.hasPrefix("from mx.example.com (mx.example.com [192.0.2.10]) by inbound") == true)
        #expect(mail.warnings.contains { $0.contains("malformed header line") }, "\(mail.warnings)")
    }

    @Test("structural repairs are reported", arguments: [
        ("21-missing-final-boundary.eml", "missing its final boundary"),
        ("25-multipart-without-boundary-parameter.eml", "no boundary parameter"),
        ("26-mbox-from-line.eml", "mbox 'From ' line"),
    ])
    func repairsWarned(file: String, warning: String) throws {
        let mail = try MIMEParser.parse(FixtureLoader.data(file))
        #expect(mail.warnings.contains { $0.contains(warning) }, "\(mail.warnings)")
    }

    @Test("dates in the fixtures' forms parse to the right instant", arguments: [
        ("05-7bit-ascii-pine.eml", 1_741_039_500.0),
        ("07-qp-latin1-outlook-express.eml", 1_741_331_565.0),
        ("20-shift-jis.eml", 1_741_771_800.0),
    ])
    func dates(file: String, epoch: Double) throws {
        let mail = try MIMEParser.parse(FixtureLoader.data(file))
        #expect(mail.date == Date(timeIntervalSince1970: epoch))
    }
}
