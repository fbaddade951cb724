import Foundation
import Hummingbird
import HummingbirdTesting
import OncallCore
import OncallSupport
import Testing
@testable import OncallWeb

@Suite("The list of fault reports")
struct ReportListTests {
    /// The subjects of the fixture's reports: INC-000002 (li.na, draft), INC-000003 (chen.gang, submitted),
    /// INC-000004 (li.na, approved), INC-000006 (li.na, submitted).
    static let subjects = [2: "支付接口超时", 3: "报表导出失败", 4: "短信网关中断", 6: "库存同步延迟"]

    /// The HTML of the section under the heading, up to the next heading.
    static func section(_ heading: String, in html: String) -> String? {
        guard let start = html.range(of: "<h2>\(heading)</h2>") else { return nil }
        let rest = html[start.upperBound...]
        let end = rest.range(of: "<h2>")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    @Test("an engineer sees only their own reports, drafts first, and may narrow them by state")
    func engineer() async throws {
        try await withWebServer { browser, fixture in
            try await browser.signIn("li.na")
            let response = try await browser.get("/web/reports")
            #expect(response.status == .ok)
            let html = response.text
            #expect(html.contains("<a href=\"/web/reports\" aria-current=\"page\">报告 Reports</a>"))
            for number in [2, 4, 6] { #expect(html.contains(Self.subjects[number]!)) }
            #expect(!html.contains(Self.subjects[3]!), "chen.gang's report is not hers")
            #expect(!html.contains("chen.gang"))
            #expect(html.contains("<a href=\"/web/reports/INC-000002\">INC-000002</a>"))
            #expect(html.contains("草稿 draft") && html.contains("待审核 submitted") && html.contains("已归档 approved"))
            #expect(!html.contains("待审核 Waiting for review"), "she is not in the emergency group")
            #expect(html.contains("2026-11-24 11:46"), "updated, local time")
            let draft = try #require(html.range(of: "INC-000002\">")), submitted = try #require(html.range(of: "INC-000006\">"))
            #expect(draft.lowerBound < submitted.lowerBound, "drafts first")
            #expect(await fixture.reportQueries == [WebFixture.ReportQuery(state: nil, owner: "li.na")], "asked for hers only")

            let drafts = try await browser.get("/web/reports?state=draft")
            #expect(drafts.status == .ok)
            #expect(drafts.text.contains(Self.subjects[2]!))
            #expect(!drafts.text.contains(Self.subjects[4]!) && !drafts.text.contains(Self.subjects[6]!))
            #expect(drafts.text.contains("<option value=\"draft\" selected>"))
            #expect(await fixture.reportQueries.last == WebFixture.ReportQuery(state: .draft, owner: "li.na"))

            let none = try await browser.get("/web/reports?owner=chen.gang")
            #expect(!none.text.contains(Self.subjects[3]!), "no owner can be chosen from the query")
        }
    }

    @Test("the reviewer sees what waits for review, their own reports and all reports")
    func reviewer() async throws {
        try await withWebServer { browser, _ in
            try await browser.signIn("zhao.lei")
            let response = try await browser.get("/web/reports")
            #expect(response.status == .ok)
            let html = response.text
            let waiting = try #require(Self.section("待审核 Waiting for review", in: html))
            #expect(waiting.contains(Self.subjects[3]!) && waiting.contains(Self.subjects[6]!))
            #expect(!waiting.contains(Self.subjects[2]!) && !waiting.contains(Self.subjects[4]!), "drafts and archived reports do not wait")
            #expect(waiting.contains("chen.gang") && waiting.contains("li.na"), "every owner's")
            #expect(!waiting.contains("name=\"state\""), "the waiting list is not filtered")
            let own = try #require(Self.section("我的报告 My reports", in: html))
            #expect(own.contains("你没有报告。You own no reports."))
            let all = try #require(Self.section("全部报告 All reports", in: html))
            for subject in Self.subjects.values { #expect(all.contains(subject)) }
            #expect(all.contains("name=\"state\""))

            let approved = try #require(Self.section("全部报告 All reports", in: try await browser.get("/web/reports?state=approved").text))
            #expect(approved.contains(Self.subjects[4]!))
            #expect(!approved.contains(Self.subjects[3]!))
        }
    }

    @Test("a manager sees all reports and the state filter narrows them")
    func manager() async throws {
        try await withWebServer { browser, fixture in
            try await browser.signIn("wang.min")
            let html = try await browser.get("/web/reports").text
            for subject in Self.subjects.values { #expect(html.contains(subject)) }
            #expect(html.contains("共 4 份 4 reports"))
            let open = try #require(html.range(of: "href=\"/web\">")), list = try #require(html.range(of: "href=\"/web/reports\" aria-current=\"page\">报告 Reports"))
            let archive = try #require(html.range(of: "href=\"/web/archive\">"))
            #expect(open.lowerBound < list.lowerBound && list.lowerBound < archive.lowerBound, "between Open and Archive")
            #expect(!html.contains("待审核 Waiting for review"), "a manager does not review")
            #expect(!html.contains("报告待填写"), "and writes nothing")
            #expect(await fixture.reportQueries == [WebFixture.ReportQuery(state: nil, owner: nil)])

            let submitted = try await browser.get("/web/reports?state=submitted")
            #expect(submitted.status == .ok)
            #expect(submitted.text.contains(Self.subjects[3]!) && submitted.text.contains(Self.subjects[6]!))
            #expect(!submitted.text.contains(Self.subjects[2]!) && !submitted.text.contains(Self.subjects[4]!))
            #expect(submitted.text.contains("<option value=\"submitted\" selected>"))
            #expect(await fixture.reportQueries.last == WebFixture.ReportQuery(state: .submitted, owner: nil))

            let nothing = try await browser.get("/web/reports?state=draft&state=x")
            #expect(nothing.status == .ok, "the first value counts")
            #expect(try await browser.get("/web/reports?state=rejected").status == .badRequest)
        }
    }

    @Test("the list needs a sign-in and comes back to it afterwards")
    func signInRequired() async throws {
        try await withWebServer { browser, fixture in
            let anonymous = try await browser.get("/web/reports?state=draft")
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.location == "/web/login?next=" + FormURLEncoding.percentEncoded("/web/reports?state=draft"))
            #expect(await fixture.reportQueries.isEmpty)
            let signedIn = try await browser.signIn("li.na", next: "/web/reports?state=draft")
            #expect(signedIn.location == "/web/reports?state=draft")
        }
    }

    @Test("subjects and owners are escaped")
    func escaping() async throws {
        try await withWebServer { browser, fixture in
            let created = WebFixture.now.addingTimeInterval(-3_600)
            await fixture.add(
                Incident(
                    id: IncidentNumber(7), form: ReportForm(subject: WebFixture.scriptSubject, organisation: "<b>总部</b>", reporter: "李四"),
                    level: .level2, state: .resolved, reportedAt: created, resolvedAt: created, reportedBy: "unix:helpdesk"),
                Postmortem(incident: IncidentNumber(7), owner: "li.na", language: .zh, createdAt: created))
            try await browser.signIn("li.na")
            let html = try await browser.get("/web/reports").text
            #expect(html.contains("订单系统无法登录 &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
            #expect(html.contains("&lt;b&gt;总部&lt;/b&gt;"))
            #expect(!html.contains("<script") && !html.contains("<b>"))
        }
    }

    @Test("an engineer with drafts is reminded on the open incidents page")
    func draftReminder() async throws {
        try await withWebServer { browser, fixture in
            try await browser.signIn("li.na")
            let html = try await browser.get("/web").text
            #expect(html.contains("<a href=\"/web/reports?state=draft\">你有 1 份报告待填写 You have 1 report to write</a>"))
            #expect(html.contains("href=\"/web/reports\""), "the list is in the navigation")

            try await browser.signIn("chen.gang")
            #expect(!(try await browser.get("/web").text.contains("待填写")), "his report is submitted")
            try await browser.signIn("wang.min")
            let manager = try await browser.get("/web").text
            #expect(!manager.contains("待填写"))
            #expect(manager.contains("href=\"/web/reports\""), "every role has the list")
            #expect(await fixture.reportQueries == [
                WebFixture.ReportQuery(state: .draft, owner: "li.na"), WebFixture.ReportQuery(state: .draft, owner: "chen.gang"),
            ])
        }
    }
}
