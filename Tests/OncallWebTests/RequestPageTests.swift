import Foundation
import Hummingbird
import HummingbirdTesting
import OncallCore
import Testing
@testable import OncallWeb

/// The service-request, release, maintenance and heartbeat pages: their renderers with fixture data,
/// then the routes (sign-in, 404, filters) on a live test server.
@Suite("Service request, release, maintenance and heartbeat pages")
struct RequestPageTests {
    static let format = DisplayFormat(timeZone: WebFixture.timeZone)
    static let now = WebFixture.now
    static let escapedSubject = "拣货单打印乱码 &lt;script&gt;alert(&#39;req&#39;)&lt;/script&gt;"

    static func statistics() -> RequestStatistics {
        RequestStatistics.compute(Array(WebFixture.serviceRequests.values), timeZone: WebFixture.timeZone, now: now)
    }

    static func listPage(_ requests: [ServiceRequest], statistics: RequestStatistics = RequestPageTests.statistics()) -> String {
        RequestListPage(
            filters: RequestFilters(), requests: requests, statistics: statistics, statisticsSince: MonthPeriod(year: 2026, month: 6),
            now: now, format: format
        ).render()
    }

    // MARK: - Renderers

    @Test("the request list: newest first, escaped CJK subjects, the overdue promise marked, kept share per kind and month")
    func requestList() throws {
        let html = Self.listPage(Array(WebFixture.serviceRequests.values))
        #expect(html.contains(Self.escapedSubject))
        #expect(!html.contains("<script"))
        let upgrade = try #require(html.range(of: "REQ-000040")), bug = try #require(html.range(of: "REQ-000042"))
        let release = try #require(html.range(of: "REQ-000041"))
        #expect(upgrade.lowerBound < bug.lowerBound && bug.lowerBound < release.lowerBound, "newest first")
        #expect(html.contains("href=\"/web/requests/REQ-000042\""))
        #expect(html.contains("<span class=\"missed\" title=\"修复决定 fix decision\">2026-11-25 09:00</span>"), "the missed decision")
        #expect(html.contains("<span title=\"完成升级 upgrade done\">2026-11-29 10:00</span>"), "an open promise is not marked")
        #expect(html.contains("缺陷 bug report") && html.contains("处理中 open") && html.contains("已结束 closed"))
        #expect(html.contains("zhang.wei"))
        // Kinds in flow order: upgrade (open only), bug (missed), release (two kept).
        #expect(html.contains("<td>软件升级 software upgrade</td><td class=\"num\">2026-11</td><td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">1</td><td class=\"num\">–</td>"))
        #expect(html.contains("<td>缺陷 bug report</td><td class=\"num\">2026-11</td><td class=\"num\">0</td><td class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">0%</td>"))
        #expect(html.contains("<td>版本发布 release</td><td class=\"num\">2026-11</td><td class=\"num\">2</td><td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">100%</td>"))
        #expect(html.contains("2026-06"), "the table says since when it counts")
    }

    @Test("an empty request list says so, and so does an empty promises table")
    func emptyRequestList() {
        let html = Self.listPage([], statistics: RequestStatistics.compute([], timeZone: WebFixture.timeZone, now: Self.now))
        #expect(html.contains("没有服务请求。No service requests."))
        #expect(html.contains("还没有承诺。No promises yet."))
        #expect(!html.contains("<tbody>\n<tr>"))
    }

    @Test("a request page: the form escaped, the timeline with warnings and misses, the next steps")
    func requestPage() throws {
        let request = try #require(WebFixture.serviceRequests[RequestNumber(42)])
        let html = RequestPage(request: request, now: Self.now, format: Self.format).render()
        #expect(RequestPage.title(request) == "REQ-000042 · 拣货单打印乱码 <script>alert('req')</script>", "the layout escapes the title")
        #expect(html.contains(Self.escapedSubject))
        #expect(html.contains("打印 &lt;b&gt;乱码&lt;/b&gt;") && html.contains("客户来电 &lt;i&gt;urgent&lt;/i&gt;"))
        #expect(!html.contains("<script") && !html.contains("<b>") && !html.contains("<i>"))
        #expect(html.contains("<dt>联系方式 Contact</dt><dd>138 0000 0000</dd>"))
        #expect(!html.contains("发布窗口 Release window"), "a bug report has no release window")
        #expect(html.contains("<span class=\"missed\">未兑现 missed</span>"))
        #expect(html.contains("<td class=\"num\">2026-11-22 10:00</td><td>已受理 received</td><td>unix:helpdesk</td>"))
        #expect(html.contains("即将到期提醒 warned: 修复决定 fix decision") && html.contains("承诺未兑现 missed: 修复决定 fix decision"))
        #expect(html.contains("<p>已决定 decided · 已取消 cancelled</p>"))
    }

    @Test("a closed release: its window moved off a holiday, its promises kept, no next steps")
    func releaseRequestPage() throws {
        let request = try #require(WebFixture.serviceRequests[RequestNumber(41)])
        let html = RequestPage(request: request, now: Self.now, format: Self.format).render()
        #expect(html.contains("发布窗口 Release window"))
        #expect(html.contains("2026-10-09 周五 Fri"))
        #expect(html.contains("由节假日 2026-10-08 顺延 Moved from the holiday 2026-10-08"))
        #expect(html.contains("<td>发布准备 readiness</td>") && html.components(separatedBy: "已兑现 kept").count == 3)
        #expect(html.contains("<dt>修复问题 Fixes</dt><dd>REQ-000042</dd>"))
        #expect(html.contains("已结束，没有下一步。Closed; no further steps."))
    }

    @Test("every promise state has its words; late and missed are marked", arguments: [
        ("open", "进行中 open", false), ("kept", "已兑现 kept", false), ("late", "逾期兑现 late", true),
        ("missed", "未兑现 missed", true), ("cancelled", "已取消 cancelled", false),
    ])
    func promiseStates(state: String, label: String, marked: Bool) throws {
        let start = Self.now.addingTimeInterval(-7_200)
        var deadline = ServiceRequest.Deadline(name: .decision, startedAt: start, dueAt: Self.now.addingTimeInterval(-3_600), warnAt: nil)
        switch state {
        case "open": deadline.dueAt = Self.now.addingTimeInterval(3_600)
        case "kept": deadline.metAt = Self.now.addingTimeInterval(-5_400)
        case "late": deadline.metAt = Self.now.addingTimeInterval(-60)
        case "cancelled": deadline.cancelledAt = Self.now.addingTimeInterval(-5_400)
        default: break
        }
        #expect(deadline.state(at: Self.now) == state)
        let request = ServiceRequest(
            number: RequestNumber(7), form: .init(kind: .bugReport, subject: "s", organisation: "o", requester: "r"),
            submittedAt: start, submittedBy: "unix:a", owner: nil, window: nil, promisedDate: nil,
            timeline: [.init(at: start, actor: "unix:a", what: .step(.received))], deadlines: [deadline])
        let html = RequestPage(request: request, now: Self.now, format: Self.format).render()
        #expect(html.contains(marked ? "<span class=\"missed\">\(label)</span>" : "<td>\(label)</td>"), "\(html)")
    }

    @Test("maintenance: active and planned by start, recent past ones with an early end, old ones left out, escaped")
    func maintenancePage() throws {
        let html = MaintenancePage(windows: WebFixture.maintenanceWindows, now: Self.now, format: Self.format).render()
        let active = try #require(html.range(of: "MW-3")), planned = try #require(html.range(of: "MW-4")), over = try #require(html.range(of: "MW-2"))
        #expect(active.lowerBound < planned.lowerBound && planned.lowerBound < over.lowerBound)
        #expect(!html.contains("MW-1"), "over more than 30 days ago")
        #expect(html.contains("<td>MW-3</td><td>进行中 active</td><td class=\"num\">2026-11-25 09:30</td><td class=\"num\">2026-11-25 10:30</td><td>订单系统 · alertname=Watchdog</td><td>机房断电演练</td><td>token:deploy</td>"))
        #expect(html.contains("<td>MW-4</td><td>计划中 planned</td>"))
        #expect(html.contains("<td>MW-2</td><td>已结束 over</td>"))
        #expect(html.contains("提前结束 ended early 2026-11-24 10:06 · unix:li"))
        #expect(html.contains("数据库升级 &lt;script&gt;x&lt;/script&gt;") && !html.contains("<script"))

        let empty = MaintenancePage(windows: [], now: Self.now, format: Self.format).render()
        #expect(empty.contains("没有进行中或计划中的维护窗口") && empty.contains("最近没有结束的维护窗口"))
    }

    @Test("heartbeats: interval and grace, last beat and who, due, the missed one marked with its incident linked")
    func heartbeatsPage() {
        let html = HeartbeatsPage(readings: WebFixture.heartbeats, format: Self.format).render()
        #expect(html.contains("<td>backup</td><td class=\"num\">1d 0h</td><td class=\"num\">1h 00m</td><td class=\"num\">2026-11-23 10:00 <span class=\"muted\">&lt;unix:root&gt;</span></td><td class=\"num\">2026-11-24 11:00</td><td><span class=\"missed\">已中断 missed</span></td><td><a href=\"/web/incidents/INC-000005\">INC-000005</a></td>"))
        #expect(html.contains("<td>etl</td><td class=\"num\">5m</td><td class=\"num\">1m</td>") && html.contains("<td>正常 up</td><td>–</td>"))
        #expect(html.range(of: "backup")!.lowerBound < html.range(of: "etl")!.lowerBound, "by name")
        #expect(HeartbeatsPage(readings: [], format: Self.format).render().contains("没有配置心跳监控。No heartbeats are configured."))
    }

    @Test("releases: day and weekday, opening and closing in local time, the one moved off a holiday noted")
    func releasesPage() {
        let html = ReleasesPage(windows: WebFixture.releases(weeks: 8), format: Self.format).render()
        #expect(html.contains("<td class=\"num\">2026-11-26</td><td>周四 Thu</td><td class=\"num\">2026-11-26 19:00</td><td class=\"num\">2026-11-26 21:00</td><td></td>"))
        #expect(html.contains("<td class=\"num\">2026-12-01</td><td>周二 Tue</td>"))
        #expect(html.contains("<strong>由 2026-11-30 周一 Mon 顺延 moved from 2026-11-30</strong>"))
        #expect(ReleasesPage(windows: [], format: Self.format).render().contains("没有发布窗口。No release windows."))
    }

    // MARK: - Routes

    static let paths = ["/web/requests", "/web/requests/REQ-000042", "/web/releases", "/web/maintenance", "/web/heartbeats"]

    @Test("the new pages send strangers to the sign-in form and come back afterwards")
    func needSignIn() async throws {
        try await withWebServer { browser, fixture in
            for path in Self.paths {
                let response = try await browser.get(path)
                #expect(response.status == .seeOther, "\(path)")
                #expect(response.location == "/web/login?next=" + path.replacingOccurrences(of: "/", with: "%2F"), "\(path)")
            }
            #expect(await fixture.requestQueries.isEmpty)
        }
    }

    @Test("signed in, every new page answers in the layout with its navigation link current")
    func pagesInLayout() async throws {
        try await withWebServer { browser, fixture in
            try await browser.signIn("li.na")
            for path in Self.paths {
                let response = try await browser.get(path)
                #expect(response.status == .ok, "\(path)")
                #expect(response.headers[.contentSecurityPolicy] == WebResponse.contentSecurityPolicy, "\(path)")
                let html = response.text
                for link in ["/web/requests", "/web/releases", "/web/maintenance", "/web/heartbeats"] {
                    #expect(html.contains("<a href=\"\(link)\""), "\(path) links to \(link)")
                }
                if path != "/web/requests/REQ-000042" {
                    #expect(html.contains("<a href=\"\(path)\" aria-current=\"page\">"), "\(path)")
                }
                #expect(!html.contains("<script"), "\(path)")
            }
            let page = try await browser.get("/web/requests/req-42").text
            #expect(page.contains("<title>REQ-000042 · 拣货单打印乱码 &lt;script&gt;"))
            #expect(await fixture.requestQueries == [RequestQuery(limit: RequestFilters.limit)])
            let since = MonthPeriod(year: 2026, month: 6).start(in: WebFixture.timeZone)
            #expect(await fixture.requestStatisticsSince == [since], "six months back from November 2026")
        }
    }

    @Test("unknown and malformed request numbers get the 404 page")
    func unknownRequest() async throws {
        try await withWebServer { browser, _ in
            try await browser.signIn("wang.min")
            for path in ["/web/requests/REQ-000099", "/web/requests/nonsense", "/web/requests/REQ-%3Cb%3E"] {
                let response = try await browser.get(path)
                #expect(response.status == .notFound, "\(path)")
                #expect(response.text.contains("未找到 Not found") && !response.text.contains("<b>"), "\(path)")
            }
        }
    }

    @Test("the list's filters reach the query; a value no form offers is a 400 with the reason")
    func filters() async throws {
        try await withWebServer { browser, fixture in
            try await browser.signIn("wang.min")
            let open = try await browser.get("/web/requests?state=open&kind=bug_report")
            #expect(open.status == .ok)
            #expect(open.text.contains("REQ-000042") && !open.text.contains("REQ-000040") && !open.text.contains("REQ-000041"))
            #expect(open.text.contains("<option value=\"bug_report\" selected>"))
            let closed = try await browser.get("/web/requests?state=closed")
            #expect(closed.text.contains("REQ-000041") && !closed.text.contains("REQ-000042"))
            #expect(await fixture.requestQueries == [
                RequestQuery(open: true, kind: .bugReport, limit: RequestFilters.limit), RequestQuery(open: false, limit: RequestFilters.limit),
            ])
            let bad = try await browser.get("/web/requests?kind=%3Cscript%3E")
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("kind 类型: &lt;script&gt;") && !bad.text.contains("<script"))
        }
    }
}
