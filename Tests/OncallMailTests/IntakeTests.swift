import Foundation
import OncallCore
import OncallMail
import Testing

@Suite("Mail intake decisions")
struct IntakeTests {
    static let rules = IntakeRules(
        organisationByDomain: ["wh.example.com": "仓储中心", "example.com": "集团", "@Stores.Example.com": "门店事业部"],
        defaultOrganisation: "未知单位",
        serviceByTag: ["wms": "WMS", "pos": "POS"],
        keywordRules: [
            KeywordRule(keywords: ["全部门店", "all stores"], scope: .all),
            KeywordRule(keywords: ["打印"], service: "打印服务"),
            KeywordRule(keywords: ["部分用户"], scope: .part),
        ],
        defaultScope: .few,
        responders: ["ZhangWei@corp.example.com": "zhangwei", "li@wh.example.com": "lili"],
        ourAddresses: ["oncall@example.com"]
    )

    static func decide(
        from: String = "Zhang Wei <zhangwei@corp.example.com>", to: String = "faults@example.com",
        subject: String? = "收银台无法联网", headers: [String] = [], body: String = "三号收银台无法联网。",
        envelopeTo: [String] = []
    ) throws -> IntakeDecision {
        let mail = try IntakeMail.make(from: from, to: to, subject: subject, headers: headers, body: body)
        return MailIntake.decide(mail, envelopeTo: envelopeTo, rules: rules)
    }

    static func form(_ decision: IntakeDecision) throws -> ReportForm {
        guard case let .report(form) = decision else {
            Issue.record("expected a report, got \(decision)")
            throw CancellationError()
        }
        return form
    }

    // MARK: - Reports

    @Test("a new mail is a report: subject, sender as reporter, body as description")
    func newReport() throws {
        let form = try Self.form(Self.decide())
        #expect(form == ReportForm(
            subject: "收银台无法联网", organisation: "集团", reporter: "Zhang Wei <zhangwei@corp.example.com>",
            description: "三号收银台无法联网。", scope: .few))
    }

    /// A plus-addressed recipient and the service it must select.
    struct TagCase: Sendable, CustomTestStringConvertible {
        var name: String
        var to: String
        var envelopeTo: [String]
        var service: String?
        var testDescription: String { name }
    }

    static let tagCases: [TagCase] = [
        .init(name: "envelope recipient", to: "faults@example.com", envelopeTo: ["faults+wms@example.com"], service: "WMS"),
        .init(name: "envelope in angle brackets, tag in upper case", to: "faults@example.com", envelopeTo: ["<faults+POS@example.com>"], service: "POS"),
        .init(name: "the envelope beats the headers", to: "faults+pos@example.com", envelopeTo: ["faults+wms@example.com"], service: "WMS"),
        .init(name: "To header when the envelope is unknown", to: "Faults <faults+wms@example.com>", envelopeTo: [], service: "WMS"),
        .init(name: "an unknown tag selects nothing", to: "faults+misc@example.com", envelopeTo: [], service: nil),
        .init(name: "no tag", to: "faults@example.com", envelopeTo: ["faults@example.com"], service: nil),
    ]

    @Test("the plus-address tag picks the service", arguments: tagCases)
    func plusTag(tag: TagCase) throws {
        let form = try Self.form(Self.decide(to: tag.to, envelopeTo: tag.envelopeTo))
        #expect(form.service == tag.service)
    }

    @Test("a labelled service beats the tag, and the tag beats a keyword rule")
    func serviceOrder() throws {
        #expect(try Self.form(Self.decide(body: "系统：ERP\n打印失败", envelopeTo: ["faults+wms@example.com"])).service == "ERP")
        #expect(try Self.form(Self.decide(body: "打印失败", envelopeTo: ["faults+wms@example.com"])).service == "WMS")
        #expect(try Self.form(Self.decide(body: "打印失败")).service == "打印服务")
    }

    /// A sender and the organisation its domain must give.
    struct DomainCase: Sendable, CustomTestStringConvertible {
        var from: String
        var organisation: String
        var testDescription: String { from }
    }

    static let domainCases: [DomainCase] = [
        .init(from: "li@wh.example.com", organisation: "仓储中心"),
        .init(from: "li@WH.Example.COM", organisation: "仓储中心"),
        .init(from: "li@sh.wh.example.com", organisation: "仓储中心"),  // a subdomain; the longest key wins over example.com
        .init(from: "li@example.com", organisation: "集团"),
        .init(from: "li@pos.stores.example.com", organisation: "门店事业部"),
        .init(from: "li@notexample.com", organisation: "未知单位"),  // a suffix that is not a subdomain
        .init(from: "li@customer.example", organisation: "未知单位"),
    ]

    @Test("the sender's domain gives the organisation", arguments: domainCases)
    func organisation(domain: DomainCase) throws {
        #expect(try Self.form(Self.decide(from: domain.from)).organisation == domain.organisation)
    }

    @Test("with an empty default the organisation is the sender's domain")
    func domainAsOrganisation() throws {
        let mail = try IntakeMail.make(from: "li@Customer.Example", body: "x")
        #expect(MailIntake.report(mail, envelopeTo: [], rules: IntakeRules()).organisation == "customer.example")
    }

    @Test("the labelled organisation beats the domain")
    func labelledOrganisation() throws {
        #expect(try Self.form(Self.decide(from: "li@wh.example.com", body: "提出单位：华东物流中心\n打印失败")).organisation == "华东物流中心")
    }

    /// A text and the scope the keyword rules (or the default) give it.
    struct KeywordCase: Sendable, CustomTestStringConvertible {
        var subject: String
        var body: String
        var scope: Scope?
        var testDescription: String { subject + " / " + body }
    }

    static let keywordCases: [KeywordCase] = [
        .init(subject: "下单失败", body: "全部门店无法下单", scope: .all),
        .init(subject: "Checkout down in ALL STORES", body: "since 9:00", scope: .all),  // case-insensitive, in the subject
        .init(subject: "登录慢", body: "部分用户登录慢", scope: .part),
        .init(subject: "登录慢", body: "部分用户登录慢，全部门店受影响", scope: .all),  // the first matching rule wins
        .init(subject: "登录慢", body: "一个用户登录慢", scope: .few),  // no rule: the default
        .init(subject: "登录慢", body: "影响范围：单个\n全部门店", scope: .single),  // the form beats the rules
    ]

    @Test("keyword rules give the scope", arguments: keywordCases)
    func keywordScope(c: KeywordCase) throws {
        #expect(try Self.form(Self.decide(subject: c.subject, body: c.body)).scope == c.scope)
    }

    /// A subject as received and as it must appear on the incident.
    struct SubjectCase: Sendable, CustomTestStringConvertible {
        var subject: String?
        var body: String = "三号收银台无法联网。\n第二行"
        var expected: String
        var testDescription: String { subject ?? "(none)" }
    }

    static let subjectCases: [SubjectCase] = [
        .init(subject: "Re: 收银台无法联网", expected: "收银台无法联网"),
        .init(subject: "RE: Fwd: FW: 收银台无法联网", expected: "收银台无法联网"),
        .init(subject: "回复：转发: 收银台无法联网", expected: "收银台无法联网"),
        .init(subject: "Re[2]: 收银台无法联网", expected: "收银台无法联网"),
        .init(subject: "Report: 收银台无法联网", expected: "Report: 收银台无法联网"),
        .init(subject: "", expected: "(无主题) 三号收银台无法联网。"),
        .init(subject: nil, expected: "(无主题) 三号收银台无法联网。"),
        .init(subject: "   ", body: "", expected: "(无主题)"),
        .init(subject: "x", body: "问题主题：回复：收银台无法联网", expected: "收银台无法联网"),
    ]

    @Test("subject prefixes are stripped; an empty subject takes the first line", arguments: subjectCases)
    func subject(c: SubjectCase) throws {
        #expect(try Self.form(Self.decide(subject: c.subject, body: c.body)).subject == c.expected)
    }

    @Test("every field is length-limited")
    func limits() throws {
        let long = String(repeating: "长", count: 30_000)
        let form = try Self.form(Self.decide(subject: String(repeating: "s", count: 900), body: "提出单位：\(long)\n提出人：\(long)\n\(long)"))
        #expect(form.subject.count == 500)
        #expect(form.organisation.count == 200)
        #expect(form.reporter.count == 200)
        #expect(form.description?.count == 20_000)
        #expect(form.subject.hasSuffix("…"))
    }

    @Test("a forward keeps the forwarded text as the description")
    func forwardKeepsHistory() throws {
        let body = """
            请处理。

            ---------- Forwarded message ---------
            From: 赵强 <zhaoqiang@customer.example>
            Date: Tue, Mar 4, 2025 at 9:00 AM
            Subject: 仓库系统无法登录

            全仓无法作业。
            """
        let form = try Self.form(Self.decide(subject: "Fwd: 仓库系统无法登录", body: body))
        #expect(form.subject == "仓库系统无法登录")
        #expect(form.description?.contains("全仓无法作业。") == true)
    }

    // MARK: - Replies

    @Test("[INC-000123] in the subject makes a reply to that incident")
    func incidentTag() throws {
        let decision = try Self.decide(
            from: "customer@customer.example", subject: "Re: [INC-000123] 收银台无法联网",
            body: "现在好了。\n\nOn Tue, Mar 4, 2025 at 9:20 AM oncalld <oncall@example.com> wrote:\n> 事件已登记")
        #expect(decision == .reply(IncidentNumber(123), referencedIDs: [], note: "现在好了。", command: nil, by: nil))
    }

    @Test("other incident spellings: 【INC-42】 counts, a bare INC-42 in prose does not")
    func incidentTagSpellings() throws {
        guard case .reply(IncidentNumber(42), _, _, _, _) = try Self.decide(subject: "回复：【INC-42】收银台") else {
            Issue.record("【INC-42】 not recognised")
            return
        }
        guard case .report = try Self.decide(subject: "和 INC-42 类似的问题") else {
            Issue.record("a bare INC-42 made a reply")
            return
        }
    }

    @Test("In-Reply-To and References are handed over for threading, nearest first")
    func referencedIDs() throws {
        let decision = try Self.decide(
            subject: "Re: 收银台无法联网",
            headers: ["In-Reply-To: <n2@oncalld>", "References: <orig@customer.example> <n1@oncalld> <n2@oncalld>"],
            body: "还是不行")
        #expect(decision == .reply(
            nil, referencedIDs: ["n2@oncalld", "n1@oncalld", "orig@customer.example"], note: "还是不行", command: nil,
            by: "zhangwei"))
    }

    /// A reply's text, who sent it, and the command it must give.
    struct CommandCase: Sendable, CustomTestStringConvertible {
        var name: String
        var from: String = "Zhang Wei <ZHANGWEI@corp.example.com>"
        var body: String
        var command: IncidentCommand?
        var by: String? = "zhangwei"
        var testDescription: String { name }
    }

    static let commandCases: [CommandCase] = [
        .init(name: "ack", body: "ack", command: .acknowledge),
        .init(name: "Acknowledge.", body: "Acknowledge.\nOn my way.", command: .acknowledge),
        .init(name: "确认", body: "确认\n\n发件人：oncalld <oncall@example.com>\n发送时间：2025年3月4日\n主题：[INC-000123]", command: .acknowledge),
        .init(name: "resolve with a summary", body: "resolve\nRestarted the print spooler.", command: .resolve(summary: "Restarted the print spooler.")),
        .init(name: "Resolved: on the same line", body: "Resolved: spooler restarted\nmonitoring", command: .resolve(summary: "spooler restarted\nmonitoring")),
        .init(name: "解决 without a summary", body: "解决", command: .resolve(summary: "Resolved by email reply (no summary given).")),
        .init(name: "escalate with a reason", body: "escalate\n需要厂商支持", command: .escalate(reason: "需要厂商支持")),
        .init(name: "升级：reason on the same line", body: "升级：数据库需要 DBA", command: .escalate(reason: "数据库需要 DBA")),
        .init(name: "escalate without a reason", body: "ESCALATE", command: .escalate(reason: "Escalated by email reply (no reason given).")),
        .init(name: "a question starting with the word", body: "解决了吗？", command: nil),
        .init(name: "the word with more text on the line", body: "Ack, but I can't look before noon", command: nil),
        .init(name: "the word not on the first line", body: "Thanks.\nresolve", command: nil),
        .init(name: "an unknown sender's command is only a note", from: "someone@customer.example", body: "resolve\nFixed it myself.", command: nil, by: nil),
        .init(name: "a responder's plain note", from: "li@wh.example.com", body: "还在查。", command: nil, by: "lili"),
    ]

    @Test("reply commands from responders", arguments: commandCases)
    func command(c: CommandCase) throws {
        let decision = try Self.decide(from: c.from, subject: "Re: [INC-000123] 收银台无法联网", body: c.body)
        guard case let .reply(number, _, note, command, by) = decision else {
            Issue.record("expected a reply, got \(decision)")
            return
        }
        #expect(number == IncidentNumber(123))
        #expect(command == c.command)
        #expect(by == c.by)
        #expect(note == MailIntake.strippedReply(c.body))
    }

    @Test("a reply with nothing but quoted history gets a placeholder note")
    func emptyReply() throws {
        let decision = try Self.decide(subject: "Re: [INC-000123] x", body: "> 事件已登记")
        #expect(decision == .reply(IncidentNumber(123), referencedIDs: [], note: MailIntake.emptyReplyNote, command: nil, by: "zhangwei"))
    }

    @Test("a reply to a conversation we never saw can still be reported")
    func foreignReplyFallsBackToReport() throws {
        let mail = try IntakeMail.make(
            subject: "Re: 收银台无法联网", headers: ["In-Reply-To: <abc@customer.example>"], body: "全部门店都不行了")
        guard case .reply(nil, ["abc@customer.example"], _, nil, _) = MailIntake.decide(mail, envelopeTo: [], rules: Self.rules) else {
            Issue.record("expected an unnumbered reply")
            return
        }
        let form = MailIntake.report(mail, envelopeTo: [], rules: Self.rules)
        #expect(form.subject == "收银台无法联网")
        #expect(form.scope == .all)
    }

    @Test("an auto-reply to a notification is ignored, not a note")
    func autoReplyToNotification() throws {
        let decision = try Self.decide(
            subject: "自动回复: [INC-000123] 收银台无法联网", headers: ["Auto-Submitted: auto-replied"], body: "我正在休假。")
        guard case .ignore = decision else {
            Issue.record("expected ignore, got \(decision)")
            return
        }
    }
}

@Suite("Mail intake on large and odd input")
struct IntakeLargeInputTests {
    @Test("huge bodies, long lines and many labels finish quickly", .timeLimit(.minutes(1)))
    func bounded() throws {
        let longLine = String(repeating: "故障", count: 500_000)
        let manyLines = String(repeating: "问题说明：x\n> q\nOn 1 wrote:\n发件人：a\n", count: 50_000)
        let colons = String(repeating: "：", count: 200_000)
        for text in [longLine, manyLines, colons, String(repeating: "\n", count: 300_000)] {
            _ = MailIntake.strippedReply(text)
            _ = MailIntake.formFields(text)
            let mail = ParsedMail(subject: String(repeating: "[INC-", count: 10_000), from: [MailAddress(address: "a@b.c")], textBody: text)
            _ = MailIntake.decide(mail, envelopeTo: [], rules: IntakeRules())
            _ = MailIntake.report(mail, envelopeTo: [], rules: IntakeRules())
        }
    }

    @Test("a subject of 50 000 reply prefixes (now that long headers are read whole) is stripped", .timeLimit(.minutes(1)))
    func prefixFlood() throws {
        let subject = String(repeating: "Re: 回复：", count: 50_000) + "收银台无法联网"
        let mail = ParsedMail(subject: subject, from: [MailAddress(address: "a@b.c")], textBody: "x")
        let form = MailIntake.report(mail, envelopeTo: [], rules: IntakeRules())
        #expect(form.subject == "收银台无法联网")
    }

    @Test("a mail with no sender, subject or body still gives a form the lifecycle accepts")
    func empty() throws {
        let form = MailIntake.report(ParsedMail(), envelopeTo: [], rules: IntakeRules())
        #expect(form.subject == "(无主题)")
        #expect(form.organisation == "unknown")
        #expect(form.reporter == "unknown")
        #expect(throws: Never.self) {
            try IncidentLifecycle.open(form, id: IncidentNumber(1), actor: "mail", policy: IncidentPolicy(), now: Date())
        }
    }
}
