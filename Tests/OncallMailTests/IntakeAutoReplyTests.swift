import Foundation
import OncallMail
import Testing

/// Headers (and a sender) that make a mail machine-sent, and a word the reason must contain.
struct AutoReplyCase: Sendable, CustomTestStringConvertible {
    var name: String
    var from: String = "Zhang Wei <zhangwei@corp.example.com>"
    var subject: String = "打印机故障"
    var headers: [String] = []
    var reasonContains: String
    var testDescription: String { name }
}

@Suite("Auto-reply, bulk, bounce and loop guard")
struct IntakeAutoReplyTests {
    static let rules = IntakeRules(
        ourAddresses: ["oncall@example.com"], ownMessageIDDomain: "oncalld",
        trustedAutomatedSenders: ["alerts@monitor.example.com", "zabbix.example.com"]
    )

    static let ignoredCases: [AutoReplyCase] = [
        .init(name: "Auto-Submitted: auto-replied", headers: ["Auto-Submitted: auto-replied"], reasonContains: "Auto-Submitted"),
        .init(name: "Auto-Submitted: auto-generated", headers: ["Auto-Submitted: auto-generated"], reasonContains: "Auto-Submitted"),
        .init(name: "Auto-Submitted with a parameter", headers: ["Auto-Submitted: auto-notified; owner-email=\"a@b.c\""], reasonContains: "Auto-Submitted"),
        .init(name: "Precedence: bulk", headers: ["Precedence: bulk"], reasonContains: "Precedence"),
        .init(name: "Precedence: junk", headers: ["Precedence: junk"], reasonContains: "Precedence"),
        .init(name: "Precedence: List", headers: ["Precedence: List"], reasonContains: "Precedence"),
        .init(name: "X-Autoreply", headers: ["X-Autoreply: yes"], reasonContains: "X-Autoreply"),
        .init(name: "X-Autorespond", headers: ["X-Autorespond: Out of office"], reasonContains: "X-Autorespond"),
        .init(name: "List-Id", headers: ["List-Id: Ops announcements <ops.lists.example.com>"], reasonContains: "List-Id"),
        .init(name: "List-Unsubscribe", headers: ["List-Unsubscribe: <mailto:unsub@news.example.com>"], reasonContains: "List-Unsubscribe"),
        .init(name: "MAILER-DAEMON sender", from: "Mail Delivery Subsystem <MAILER-DAEMON@mx.example.com>", reasonContains: "bounce"),
        .init(name: "postmaster sender", from: "postmaster@outlook.example.com", reasonContains: "bounce"),
        .init(name: "empty return path", headers: ["Return-Path: <>"], reasonContains: "return path"),
        .init(name: "delivery status report", headers: [], reasonContains: "delivery report"),
        .init(name: "our own From address", from: "On-call <Oncall@Example.com>", reasonContains: "our own address"),
        .init(name: "our own From address with a plus tag", from: "oncall+inc123@example.com", reasonContains: "our own address"),
        .init(name: "Outlook auto-reply subject", subject: "自动答复: [INC-000123] WMS 出库单无法打印", reasonContains: "subject"),
        .init(name: "English auto-reply subject", subject: "Automatic reply: [INC-000123] printer", reasonContains: "subject"),
        .init(name: "a trusted sender still cannot bounce", from: "MAILER-DAEMON@zabbix.example.com", reasonContains: "bounce"),
    ]

    static func mail(_ c: AutoReplyCase) throws -> ParsedMail {
        if c.name == "delivery status report" {
            // A DSN whose sender is not recognisable as a bounce address: only the content type tells.
            return try MIMEParser.parse(Data("""
                From: Mail System <notifications@relay.example.com>\r
                To: oncall@example.com\r
                Subject: Delivery failure\r
                MIME-Version: 1.0\r
                Content-Type: multipart/report; report-type="delivery-status"; boundary="b"\r
                \r
                --b\r
                Content-Type: text/plain\r
                \r
                Your message could not be delivered.\r
                --b--\r
                """.utf8))
        }
        return try IntakeMail.make(from: c.from, subject: c.subject, headers: c.headers, body: "打印机卡纸")
    }

    @Test("machine-sent mail is ignored with a reason", arguments: ignoredCases)
    func ignoredWithReason(c: AutoReplyCase) throws {
        let mail = try Self.mail(c)
        let reason = try #require(MailIntake.autoReplyReason(mail, rules: Self.rules))
        #expect(reason.contains(c.reasonContains), "\(reason)")
        #expect(MailIntake.decide(mail, envelopeTo: [], rules: Self.rules) == .ignore(reason: reason))
    }

    @Test("our own Message-ID coming back is ignored")
    func ownMessageID() throws {
        var mail = try IntakeMail.make(body: "x")
        mail.messageID = "inc-000123.notify.7@oncalld"
        #expect(MailIntake.autoReplyReason(mail, rules: Self.rules)?.contains("Message-ID") == true)
    }

    static let acceptedCases: [AutoReplyCase] = [
        .init(name: "an ordinary mail", reasonContains: ""),
        .init(name: "Auto-Submitted: no", headers: ["Auto-Submitted: no"], reasonContains: ""),
        .init(name: "X-Autoreply: no", headers: ["X-Autoreply: no"], reasonContains: ""),
        .init(name: "a trusted monitoring address", from: "Alert Robot <alerts@monitor.example.com>",
              headers: ["Auto-Submitted: auto-generated", "Precedence: bulk"], reasonContains: ""),
        .init(name: "a trusted monitoring domain, subdomain", from: "zbx@eu.zabbix.example.com",
              headers: ["Auto-Submitted: auto-generated"], reasonContains: ""),
        .init(name: "a subject about the auto-reply feature", subject: "自动回复功能失效", reasonContains: ""),
        .init(name: "a reply to our notification", subject: "Re: [INC-000123] 打印机故障",
              headers: ["In-Reply-To: <inc-000123.notify.7@oncalld>"], reasonContains: ""),
    ]

    @Test("people's mail passes", arguments: acceptedCases)
    func accepted(c: AutoReplyCase) throws {
        #expect(MailIntake.autoReplyReason(try Self.mail(c), rules: Self.rules) == nil)
    }
}
