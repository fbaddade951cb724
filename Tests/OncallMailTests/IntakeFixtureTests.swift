import Foundation
import OncallCore
import OncallMail
import Testing

@Suite("Intake of the fixture mails")
struct IntakeFixtureTests {
    static let rules = IntakeRules(
        organisationByDomain: ["corp.example.com": "集团信息中心", "example.cn": "华北销售公司"],
        defaultOrganisation: "",
        serviceByTag: ["wms": "WMS", "ERP": "ERP"],
        keywordRules: [KeywordRule(keywords: ["全部门店"], scope: .all)],
        ourAddresses: ["oncall@example.com"]
    )

    static func report(_ file: String, envelopeTo: [String] = []) throws -> ReportForm {
        let mail = try MIMEParser.parse(FixtureLoader.data(file))
        guard case let .report(form) = MailIntake.decide(mail, envelopeTo: envelopeTo, rules: rules) else {
            Issue.record("\(file) did not become a report: \(MailIntake.decide(mail, envelopeTo: envelopeTo, rules: rules))")
            throw CancellationError()
        }
        return form
    }

    @Test("the helpdesk's text form fills the report form's fields")
    func textForm() throws {
        let form = try Self.report("14-helpdesk-report-form.eml", envelopeTo: ["faults+wms@example.com"])
        #expect(form.subject == "WMS 出库单无法打印")  // the labelled subject beats "【报障】…"
        #expect(form.organisation == "华东物流中心")  // the labelled organisation beats the sender's domain
        #expect(form.reporter == "周敏")
        #expect(form.reporterContact == "021-5555-0123")
        #expect(form.description == "点击“打印出库单”后无反应，打印服务日志显示队列超时。")
        #expect(form.scope == .all)
        #expect(form.other?.contains("影响范围：华东仓全部出库作业") == true, "\(form.other ?? "nil")")
        #expect(form.outageStarted == ISO8601DateFormatter().date(from: "2025-03-03T01:15:00Z"))
        #expect(form.service == "WMS")
    }

    @Test("the helpdesk's HTML table form fills the report form's fields")
    func htmlTableForm() throws {
        let form = try Self.report("15-helpdesk-report-form-html-table.eml")
        #expect(form.subject == "ERP 月结报表生成失败")
        #expect(form.organisation == "财务共享中心")
        #expect(form.reporter == "孙丽")
        #expect(form.description == "月结第 3 步报错 ORA-00060，重试两次仍失败。")
        // The heading and the closing sentence belong to no label; with a labelled description they go to "other".
        #expect(form.other?.contains("问题报告单") == true, "\(form.other ?? "nil")")
        #expect(form.other?.contains("工单 981") == true, "\(form.other ?? "nil")")
        #expect(form.service == nil)
    }

    @Test("a bounce is ignored, not reported")
    func bounce() throws {
        let mail = try MIMEParser.parse(FixtureLoader.data("23-bounce-dsn.eml"))
        guard case let .ignore(reason) = MailIntake.decide(mail, envelopeTo: [], rules: Self.rules) else {
            Issue.record("bounce was not ignored")
            return
        }
        #expect(reason.contains("bounce"), "\(reason)")
    }

    @Test("a plain report: domain organisation, keyword scope, signature cut, sender as reporter")
    func plainReport() throws {
        let form = try Self.report("01-alternative-utf8-thunderbird.eml", envelopeTo: ["<faults+erp@example.com>"])
        #expect(form.subject == "【故障】订单服务响应超时")
        #expect(form.organisation == "华北销售公司")
        #expect(form.reporter == "李明 <liming@example.cn>")
        #expect(form.scope == .all)  // "全部门店" in the body
        #expect(form.service == "ERP")  // tags compare case-insensitively
        let description = try #require(form.description)
        #expect(description.hasPrefix("各位好，"))
        #expect(description.contains("暂未恢复。"))
        #expect(!description.contains("李明"), "the signature after '-- ' is cut: \(description)")
    }

    @Test("a forward with the original attached: prefix stripped, the forwarded text in the description")
    func forwardedAttachment() throws {
        let form = try Self.report("03-forward-three-attachments.eml")
        #expect(form.subject == "仓库系统无法登录")
        #expect(form.reporter == "Support Desk <support@example.com>")
        #expect(form.organisation == "example.com")  // no rule: the empty default means the sender's domain
        let description = try #require(form.description)
        #expect(description.hasPrefix("请看附件中的原始报障邮件"))
        #expect(description.contains("登录后一直提示“会话已过期”，全仓无法作业。"), "\(description)")
        #expect(description.contains("zhaoqiang@customer.example"))
    }

    @Test("a first header line that is a continuation does not cost the subject")
    func continuationFirstLine() throws {
        let form = try Self.report("31-first-header-line-continuation.eml")
        #expect(form.subject == "库存同步服务无响应")
        #expect(form.description == "库存同步服务 inventory-sync 自 07:40 起无响应，队列积压 12000 条。")
    }

    @Test("a forward with no words of its own: the inline forwarded message is the description")
    func forwardWithEmptyOuter() throws {
        let form = try Self.report("32-forward-inline-rfc822-empty-outer.eml")
        #expect(form.subject == "冷库 3 号温度报警")
        let description = try #require(form.description)
        #expect(description.contains("报警：冷库 3 号温度 -8.5°C，高于阈值 -15.0°C，已持续 25 分钟。"), "\(description)")
        #expect(description.contains("压缩机 2 报故障代码 E42。"), "\(description)")
    }

    @Test("every fixture gives a decision the incident lifecycle accepts", arguments: FixtureExpectation.all.map(\.file))
    func everyFixture(file: String) throws {
        let mail = try MIMEParser.parse(FixtureLoader.data(file))
        let decision = MailIntake.decide(mail, envelopeTo: ["faults@example.com"], rules: Self.rules)
        switch decision {
        case .ignore:
            #expect(file == "23-bounce-dsn.eml")
        case let .report(form):
            #expect(!form.subject.isEmpty && form.subject.count <= 500)
            let now = mail.date ?? Date(timeIntervalSince1970: 1_741_000_000)
            #expect(throws: Never.self) {
                try IncidentLifecycle.open(form, id: IncidentNumber(1), actor: "mail", policy: IncidentPolicy(), now: now)
            }
        case .reply:
            Issue.record("\(file) has no threading headers and no incident tag, yet became a reply")
        case .request:
            Issue.record("\(file) became a service request, yet these rules configure none")
        }
    }
}
