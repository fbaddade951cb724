import Foundation
import OncallCore
import OncallMail
import Testing

/// A body laid out as a report form and the fields it must give.
struct FormCase: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    var expected: [String: String]
    var testDescription: String { name }
}

@Suite("Report form fields")
struct IntakeFormFieldsTests {
    static let cases: [FormCase] = [
        FormCase(name: "full-width colons", text: """
            问题主题：WMS 出库单无法打印
            提出单位：华东物流中心
            提出人：周敏
            联系方式：13800000000
            目前情况：全仓停止出库
            问题说明：点击打印无反应
            时间要求：今天 18:00 前
            其他：无
            """, expected: [
                "subject": "WMS 出库单无法打印", "organisation": "华东物流中心", "reporter": "周敏",
                "reporter_contact": "13800000000", "situation": "全仓停止出库", "description": "点击打印无反应",
                "required_by": "今天 18:00 前", "other": "无",
            ]),
        FormCase(name: "ASCII colons, spaces around labels, ideographic space indent, list bullets", text: """
            问题主题 : 收银台无法联网
            \u{3000}提出单位:华南零售
            - 影响范围： 部分
            * 系统 ：POS
            """, expected: ["subject": "收银台无法联网", "organisation": "华南零售", "scope": "部分", "service": "POS"]),
        FormCase(name: "【】 labels with and without a colon", text: """
            【问题主题】ERP 月结失败
            【提出单位】：财务共享中心
            [Reporter] Sun Li
            """, expected: ["subject": "ERP 月结失败", "organisation": "财务共享中心", "reporter": "Sun Li"]),
        FormCase(name: "English labels", text: """
            Subject: Label printer prints blank labels
            Organization: Dock operations
            Reporter: Mia Chen
            Contact: +86 21 5555 0100
            Current situation: dock 4 cannot ship
            Description: blank labels since 08:00
            Required by: today
            Other: new ribbon tried
            Scope: few
            Service: Labelling
            Site: SH-DOCK
            Outage started: 2026-11-25 08:05
            """, expected: [
                "subject": "Label printer prints blank labels", "organisation": "Dock operations", "reporter": "Mia Chen",
                "reporter_contact": "+86 21 5555 0100", "situation": "dock 4 cannot ship",
                "description": "blank labels since 08:00", "required_by": "today", "other": "new ribbon tried",
                "scope": "few", "service": "Labelling", "site": "SH-DOCK", "outage_started": "2026-11-25 08:05",
            ]),
        FormCase(name: "multi-line value runs to the next label or a blank line", text: """
            问题说明：第一行
            第二行
            第三行
            其他：附日志
            请尽快

            谢谢
            """, expected: ["description": "第一行\n第二行\n第三行", "other": "附日志\n请尽快"]),
        FormCase(name: "a label with its value on the following lines (HTML table layouts)", text: """
            问题主题：
            ERP 报表失败
            问题描述：

            月结第 3 步报错
            重试仍失败
            """, expected: ["subject": "ERP 报表失败", "description": "月结第 3 步报错\n重试仍失败"]),
        FormCase(name: "a short field takes one line and does not swallow the prose after it", text: """
            System: WMS
            The printer has been down since 8am.
            """, expected: ["service": "WMS"]),
        FormCase(name: "the first of a repeated label wins", text: "主题：第一\n主题：第二", expected: ["subject": "第一"]),
        FormCase(name: "colons in prose, times and URLs are not labels", text: """
            Time: 09:15
            see http://helpdesk.example.com/t/1
            Note 1: restart did not help
            错误信息：连接超时
            """, expected: [:]),
    ]

    @Test("labelled lines fill their fields", arguments: cases)
    func fields(form: FormCase) {
        #expect(MailIntake.formFields(form.text) == form.expected)
    }

    static let rules = IntakeRules(defaultOrganisation: "未知单位")

    static func report(_ body: String, subject: String? = "打印机故障", date: String? = nil) throws -> ReportForm {
        let mail = try IntakeMail.make(subject: subject, body: body)
        return MailIntake.report(mail, envelopeTo: [], rules: rules)
    }

    @Test("the unlabelled rest is the description when the form has none")
    func remainderIsDescription() throws {
        let form = try Self.report("各位好，\n提出单位：仓储中心\n打印机卡纸，无法出库。")
        #expect(form.organisation == "仓储中心")
        #expect(form.description == "各位好，\n打印机卡纸，无法出库。")
        #expect(form.other == nil)
    }

    @Test("the unlabelled rest goes to 'other' when the form has a description")
    func remainderIsOther() throws {
        let form = try Self.report("问题说明：打印机卡纸\n\n谢谢！\n其他：二楼")
        #expect(form.description == "打印机卡纸")
        #expect(form.other == "二楼\n\n谢谢！")
    }

    /// A scope as written and what it reads as; `kept` tells whether the text is also kept in "other".
    struct ScopeCase: Sendable, CustomTestStringConvertible {
        var written: String
        var scope: Scope?
        var kept: Bool
        var testDescription: String { written }
    }

    static let scopeCases: [ScopeCase] = [
        .init(written: "all", scope: .all, kept: false), .init(written: "Most", scope: .most, kept: false),
        .init(written: "part", scope: .part, kept: false), .init(written: "few", scope: .few, kept: false),
        .init(written: "single", scope: .single, kept: false), .init(written: "全部", scope: .all, kept: false),
        .init(written: "大部分", scope: .most, kept: false), .init(written: "部分", scope: .part, kept: false),
        .init(written: "少数", scope: .few, kept: false), .init(written: "单个", scope: .single, kept: false),
        .init(written: "华东仓全部出库作业", scope: .all, kept: true), .init(written: "大部分门店", scope: .most, kept: true),
        .init(written: "部分用户无法登录", scope: .part, kept: true), .init(written: "some users at site 3", scope: .part, kept: true),
        .init(written: "不清楚", scope: nil, kept: true),
    ]

    @Test("scope words, exact or inside free text", arguments: scopeCases)
    func scope(written: ScopeCase) throws {
        let form = try Self.report("影响范围：\(written.written)\n问题说明：打印失败")
        #expect(form.scope == written.scope)
        #expect((form.other?.contains("影响范围：\(written.written)") ?? false) == written.kept)
    }

    /// A time as written and the instant it means (nil: not readable, kept as text).
    struct TimeCase: Sendable, CustomTestStringConvertible {
        var written: String
        var instant: String?
        var testDescription: String { written }
    }

    static let timeCases: [TimeCase] = [
        .init(written: "2025-03-04 08:05", instant: "2025-03-04T00:05:00Z"),
        .init(written: "2025-03-04T08:05:00+08:00", instant: "2025-03-04T00:05:00Z"),
        .init(written: "2025-03-04T00:05:00Z", instant: "2025-03-04T00:05:00Z"),
        .init(written: "2025-03-03T19:05:30.5-05:00", instant: "2025-03-04T00:05:30Z"),
        .init(written: "2025/3/4 8:05", instant: "2025-03-04T00:05:00Z"),
        .init(written: "2025年3月4日 08:05", instant: "2025-03-04T00:05:00Z"),
        .init(written: "2025年3月3日下午2点30分", instant: "2025-03-03T06:30:00Z"),
        .init(written: "2025年3月4日上午9点30分", instant: "2025-03-04T01:30:00Z"),
        .init(written: "Tue, 4 Mar 2025 09:30:00 +0800", instant: "2025-03-04T01:30:00Z"),
        .init(written: "2025-03-04 08:05 (UTC+8) 左右", instant: "2025-03-04T00:05:00Z"),
        .init(written: "２０２５－０３－０４　０８：０５", instant: "2025-03-04T00:05:00Z"),
        .init(written: "2025-02-30 08:05", instant: nil),
        .init(written: "今天早上", instant: nil),
        .init(written: "2025-03-05 08:05", instant: nil),  // after the mail was sent (Tue, 4 Mar 2025 10:00 +0800)
    ]

    @Test("outage start times", arguments: timeCases)
    func outageStarted(time: TimeCase) throws {
        let form = try Self.report("故障开始：\(time.written)\n问题说明：打印失败")
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let rounded = form.outageStarted.map { Date(timeIntervalSince1970: $0.timeIntervalSince1970.rounded(.down)) }
        #expect(rounded == time.instant.flatMap { formatter.date(from: $0) })
        #expect((form.other?.contains(time.written) ?? false) == (time.instant == nil))
    }

    @Test("an outage end before its start is kept as text, not as a time")
    func outageEndBeforeStart() throws {
        let form = try Self.report("故障开始：2025-03-04 08:05\n恢复时间：2025-03-04 07:00\n问题说明：打印失败")
        #expect(form.outageStarted != nil)
        #expect(form.outageEnded == nil)
        #expect(form.other == "恢复时间：2025-03-04 07:00")
    }
}
