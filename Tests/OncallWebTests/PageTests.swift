import Foundation
import Hummingbird
import HummingbirdTesting
import OncallCore
import Testing
@testable import OncallWeb

@Suite("Pages of the web view")
struct PageTests {
    @Test("open incidents: Chinese text, escaped subjects, the shared layout and the protective headers")
    func openIncidents() async throws {
        try await withWebServer { browser, _ in
            try await browser.signIn("wang.min")
            let response = try await browser.get("/web")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            #expect(response.headers[.contentSecurityPolicy] == WebResponse.contentSecurityPolicy)
            #expect(response.headers[.xContentTypeOptions] == "nosniff")
            #expect(response.headers[.referrerPolicy] == "same-origin")
            #expect(response.headers[.cacheControl] == "no-store")
            let html = response.text
            #expect(html.contains("<meta charset=\"utf-8\">"))
            #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
            #expect(html.contains("<html lang=\"zh-CN\">"))
            #expect(html.contains("Noto Sans CJK SC"))
            #expect(html.contains("@media (max-width:600px)"))
            #expect(html.contains("订单系统无法登录 &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
            #expect(!html.contains("<script"))
            #expect(html.contains("仓储中心"))
            #expect(html.contains("打印服务缓慢"))
            #expect(!html.contains("支付接口超时"), "resolved incidents are not open")
            #expect(html.contains("50m"), "the age of INC-000001")
            #expect(html.contains("王敏"))
            // The level 1 incident comes first.
            let first = try #require(html.range(of: "INC-000001")), second = try #require(html.range(of: "INC-000005"))
            #expect(first.lowerBound < second.lowerBound)
            #expect(html.contains("action=\"/web/logout\""))
        }
    }

    @Test("an incident page shows the form's fields and the timeline, escaped")
    func incident() async throws {
        try await withWebServer { browser, _ in
            try await browser.signIn("li.na")
            let response = try await browser.get("/web/incidents/INC-000001")
            #expect(response.status == .ok)
            let html = response.text
            #expect(html.contains("<title>INC-000001 · 订单系统无法登录 &lt;script&gt;"))
            #expect(html.contains("所有用户登录超时"))
            #expect(html.contains("大部分 most"))
            #expect(html.contains("已联系厂商 &lt;b&gt;vendor&lt;/b&gt;"))
            #expect(!html.contains("<script") && !html.contains("<b>vendor"))
            #expect(html.contains("unix:helpdesk"))

            #expect(try await browser.get("/web/incidents/INC-000002").text.contains("href=\"/web/reports/INC-000002\""), "li.na owns that report")
            #expect(!(try await browser.get("/web/incidents/INC-000003").text.contains("href=\"/web/reports/INC-000003\"")), "not hers")
            #expect(try await browser.get("/web/incidents/INC-000099").status == .notFound)
            #expect(try await browser.get("/web/incidents/nonsense").status == .notFound)
        }
    }

    @Test("engineers see open incidents and incidents but not the archive, statistics or others' reports")
    func engineerLimits() async throws {
        try await withWebServer { browser, fixture in
            try await browser.signIn("li.na")
            #expect(try await browser.get("/web").status == .ok)
            #expect(!(try await browser.get("/web").text.contains("href=\"/web/archive\"")))
            #expect(try await browser.get("/web/archive").status == .forbidden)
            #expect(try await browser.get("/web/archive?q=x").status == .forbidden)
            #expect(try await browser.get("/web/stats").status == .forbidden)
            #expect(try await browser.get("/web/reports/INC-000003").status == .forbidden)
            #expect(try await browser.get("/web/reports/INC-000002").status == .ok)
            #expect(await fixture.searches.isEmpty)
            #expect(await fixture.statisticsRanges.isEmpty)
        }
    }

    @Test("the archive passes every filter to the search and highlights the match")
    func archive() async throws {
        try await withWebServer { browser, fixture in
            try await browser.signIn("wang.min")
            let response = try await browser.get(
                "/web/archive?q=%E4%B8%AD%E6%96%AD+%E7%9F%AD%E4%BF%A1&level=1&state=resolved&report=approved&month=2026-11"
                    + "&org=%E5%8D%8E%E4%B8%9C%E5%AE%A2%E6%9C%8D%E4%B8%AD%E5%BF%83&service=%E6%94%AF%E4%BB%98%E7%BD%91%E5%85%B3")
            #expect(response.status == .ok)
            let query = try #require(await fixture.searches.last)
            #expect(query.text == "中断 短信")
            #expect(query.level == .level1)
            #expect(query.states == [.resolved])
            #expect(query.reportState == .approved)
            #expect(query.from == Date(timeIntervalSince1970: 1_793_462_400), "2026-11-01 00:00 in Shanghai")
            #expect(query.until == Date(timeIntervalSince1970: 1_796_054_400))
            #expect(query.organisation == "华东客服中心")
            #expect(query.service == "支付网关")
            let html = response.text
            #expect(html.contains("…短信网关<mark>中断</mark>，用户收不到&lt;验证码&gt;…"))
            #expect(html.contains("href=\"/web/reports/INC-000004\""))
            #expect(html.contains("value=\"中断 短信\""))
            #expect(html.contains("<option value=\"1\" selected>"))
            #expect(html.contains("<option value=\"approved\" selected>"))
            #expect(html.contains("value=\"2026-11\""))

            let everything = try await browser.get("/web/archive")
            #expect(everything.status == .ok)
            #expect(await fixture.searches.last == ArchiveQuery(limit: ArchiveFilters.limit))
            #expect(try await browser.get("/web/archive?level=7").status == .badRequest)
            #expect(try await browser.get("/web/archive?month=2026-13").status == .badRequest)
        }
    }

    @Test("the reviewer, an engineer in the emergency group, reads the archive and statistics")
    func reviewerReadsEverything() async throws {
        try await withWebServer { browser, _ in
            try await browser.signIn("zhao.lei")
            #expect(try await browser.get("/web/archive").status == .ok)
            #expect(try await browser.get("/web/stats").status == .ok)
            #expect(try await browser.get("/web/reports/INC-000002").status == .ok)
        }
    }

    @Test("statistics: the month's tables, six months of history and SVG charts")
    func statistics() async throws {
        try await withWebServer { browser, fixture in
            try await browser.signIn("wang.min")
            let response = try await browser.get("/web/stats")
            #expect(response.status == .ok)
            let (from, until) = try #require(await fixture.statisticsRanges.last)
            #expect(from == Date(timeIntervalSince1970: 1_780_243_200), "2026-06-01 in Shanghai: six months back from November")
            #expect(until == Date(timeIntervalSince1970: 1_796_054_400))
            let html = response.text
            #expect(html.contains("<h2>2026-11 响应时间 Response by level</h2>"))
            #expect(html.contains("2m 30s"), "mean to acknowledge, level 1")
            #expect(html.contains("1h 05m"), "mean to resolve, level 1")
            #expect(html.contains("75% (3/4)"), "escalation rate")
            #expect(html.contains("华东分公司"))
            #expect(html.contains("90%"))
            #expect(html.contains("&lt;西南&gt;分公司"))
            #expect(!html.contains("<西南>"))
            #expect(html.components(separatedBy: "<svg").count == 3)
            #expect(html.contains("2026-06") && html.contains("2026-10"))
            #expect(!html.contains("下月 Next"), "no month after the current one")

            let october = try await browser.get("/web/stats?month=2026-10")
            #expect(october.status == .ok)
            #expect(october.text.contains("<h2>2026-10 响应时间 Response by level</h2>"))
            #expect(october.text.contains("/web/stats?month=2026-11"))
            #expect(try await browser.get("/web/stats?month=26-10").status == .badRequest)
        }
    }
}
