import Foundation
import OncallCore
import OncallMail
import Testing

@Suite("Mail intake: service requests by address and subject tag")
struct RequestMailIntakeTests {
    static let rules = IntakeRules(
        organisationByDomain: ["wh.example.com": "仓储中心"], defaultOrganisation: "未知单位",
        requestMail: RequestMailRules(
            kindByAddress: ["Bugs@Support.example.com": .bugReport, "upgrades@support.example.com": .softwareUpgrade], subjectTags: true))

    static func decide(
        from: String = "Li Li <li@wh.example.com>", to: String = "faults@example.com", subject: String? = "WMS 升级到 5.2",
        headers: [String] = [], body: String = "请把仓库 WMS 升级到 5.2。", envelopeTo: [String] = [], rules: IntakeRules = rules
    ) throws -> IntakeDecision {
        let mail = try IntakeMail.make(from: from, to: to, subject: subject, headers: headers, body: body)
        return MailIntake.decide(mail, envelopeTo: envelopeTo, rules: rules)
    }

    static func form(_ decision: IntakeDecision) throws -> ServiceRequest.Form {
        guard case let .request(form) = decision else {
            Issue.record("expected a service request, got \(decision)")
            throw CancellationError()
        }
        return form
    }

    @Test("mail to a request address is a request of its kind, with the intake's organisation and the sender as requester")
    func byAddress() throws {
        let form = try Self.form(Self.decide(to: "upgrades@support.example.com"))
        #expect(form == ServiceRequest.Form(
            kind: .softwareUpgrade, subject: "WMS 升级到 5.2", organisation: "仓储中心", requester: "Li Li <li@wh.example.com>",
            contact: "li@wh.example.com", description: "请把仓库 WMS 升级到 5.2。"))
    }

    @Test("the envelope recipient counts (a Bcc), addresses match in any case and with a plus tag")
    func envelopeAndCase() throws {
        #expect(try Self.form(Self.decide(envelopeTo: ["bugs+wms@SUPPORT.example.com"])).kind == .bugReport)
        #expect(try Self.form(Self.decide(to: "Support <BUGS@support.example.com>")).kind == .bugReport)
    }

    @Test("a subject tag names the kind and is taken out of the subject", arguments: [
        ("[REQ:bug_report] 出库单打印错位", RequestKind.bugReport, "出库单打印错位"),
        ("[需求:new_requirement] 增加批量导出", .newRequirement, "增加批量导出"),
        ("【REQ：software-upgrade】 WMS 升级", .softwareUpgrade, "WMS 升级"),
        ("Fwd: 退货 [req:Repair_Return] 扫描枪", .repairReturn, "退货 扫描枪"),
    ])
    func subjectTag(subject: String, kind: RequestKind, stripped: String) throws {
        let form = try Self.form(Self.decide(subject: subject))
        #expect(form.kind == kind)
        #expect(form.subject == stripped)
    }

    @Test("the tag wins over the address: it is the sender's explicit choice")
    func tagBeforeAddress() throws {
        #expect(try Self.form(Self.decide(to: "bugs@support.example.com", subject: "[REQ:new_requirement] 新报表")).kind == .newRequirement)
    }

    @Test("an unknown kind or a release in the tag is a fault report, and the intake says why")
    func unknownTag() throws {
        for subject in ["[REQ:bugreport] 打印错位", "[REQ:release] 5.2 发布"] {
            let mail = try IntakeMail.make(from: "li@wh.example.com", subject: subject, body: "x")
            guard case let .report(form) = MailIntake.decide(mail, envelopeTo: [], rules: Self.rules) else {
                Issue.record("\(subject) did not become a fault report")
                continue
            }
            #expect(form.subject == subject)
            #expect(MailIntake.requestTagProblem(mail, rules: Self.rules)?.contains("names no kind a mail may ask for") == true)
        }
    }

    @Test("tags are read only when subject_tags is on; a request number is not a tag")
    func tagsOff() throws {
        let off = IntakeRules(requestMail: RequestMailRules(subjectTags: false))
        guard case .report = try Self.decide(subject: "[REQ:bug_report] 打印错位", rules: off) else {
            Issue.record("a tag was read with subject_tags off")
            return
        }
        guard case .report = try Self.decide(subject: "关于 [REQ-000042] 的进展") else {
            Issue.record("a request number was read as a tag")
            return
        }
    }

    @Test("a reply to a request mail is not a second request: ignored, or handed over for threading when it has threading headers")
    func replyIgnored() throws {
        guard case let .ignore(reason) = try Self.decide(subject: "Re: [REQ:bug_report] 打印错位") else {
            Issue.record("a Re: reply was not ignored")
            return
        }
        #expect(reason == MailIntake.requestReplyReason)
        // With threading headers it is handed over as a reply: the ingest notes it on an incident's
        // thread, and ignores it otherwise.
        guard case .reply(nil, ["a@b.example"], _, _, _) = try Self.decide(to: "bugs@support.example.com", headers: ["In-Reply-To: <a@b.example>"]) else {
            Issue.record("an In-Reply-To reply was not handed over for threading")
            return
        }
    }

    @Test("a subject naming an incident stays a reply to it, even sent to a request address")
    func incidentReplyFirst() throws {
        guard case .reply = try Self.decide(to: "bugs@support.example.com", subject: "Re: [INC-000012] 打印") else {
            Issue.record("an incident reply became something else")
            return
        }
    }

    @Test("auto-replies to a request address are ignored like any other")
    func autoReply() throws {
        guard case .ignore = try Self.decide(to: "bugs@support.example.com", headers: ["Auto-Submitted: auto-replied"]) else {
            Issue.record("an auto-reply was not ignored")
            return
        }
    }

    @Test("an unknown domain takes the default organisation; the description is bounded; no subject takes the body's first line")
    func fallbacks() throws {
        let form = try Self.form(Self.decide(
            from: "someone@elsewhere.example", to: "bugs@support.example.com", subject: nil, body: "第一行\n" + String(repeating: "长", count: 30_000)))
        #expect(form.organisation == "未知单位")
        #expect(form.requester == "someone@elsewhere.example")
        #expect(form.subject == "(无主题) 第一行")
        #expect((form.description?.count ?? 0) <= 20_000)
    }
}
