import Foundation
import OncallCore
import OncallNotify
import OncallTesting
import Testing

@Suite("MessageText: short, level-first notification text")
struct MessageTextTests {
    let incident = NotifyFixtures.incident()

    @Test("The title is level first, then subject and number")
    func title() {
        #expect(MessageText.title(incident) == "[L1] 订单系统无法登录 · INC-000123")
        #expect(MessageText.title(NotifyFixtures.incident(subject: "line one\nline two", level: .level3)) == "[L3] line one line two · INC-000123")
        #expect(MessageText.subject(incident, purpose: "reminder 2/3") == "[L1] 订单系统无法登录 · INC-000123 — reminder 2/3")
    }

    @Test("Plain text: purpose, reporter, organisation, scope, outage start in the given zone, links")
    func plain() {
        let text = MessageText.plain(incident, purpose: "new fault", timeZone: NotifyFixtures.shanghai, links: NotifyFixtures.links)
        #expect(text.components(separatedBy: "\n") == [
            "[L1] 订单系统无法登录 · INC-000123",
            "new fault",
            "提出人/Reporter: 仓储中心值班员 (13800138000)",
            "提出单位/Organisation: 仓储中心",
            "影响范围/Scope: 全部系统 (all)",
            "故障开始/Outage start: 2023-11-15 06:13",
            "详情/Incident: https://oncall.example.com/v1/incidents/INC-000123",
            "处置手册/Runbook: https://oncall.example.com/runbooks/level-1.md",
            "确认/Acknowledge: https://oncall.example.com/a/ack-token",
            "解决/Resolve: https://oncall.example.com/a/resolve-token",
        ])
        let utc = MessageText.plain(incident, purpose: "resolved", timeZone: TimeZone(identifier: "UTC")!, links: MessageLinks())
        #expect(utc.contains("故障开始/Outage start: 2023-11-14 22:13"))
        #expect(!utc.contains("Acknowledge"))
    }

    @Test("Times are shown as a Calendar in the zone shows them: leap days, before 1970, daylight saving, year ends",
          arguments: [
              "2024-02-29T23:59:59Z", "1969-12-31T23:30:00Z", "1900-03-01T00:00:00Z", "2026-03-08T10:30:00Z",
              "2026-11-01T08:59:00Z", "2026-12-31T16:00:00Z", "1600-02-29T12:00:00Z",
          ])
    func formattedMatchesCalendar(_ text: String) throws {
        let date = try #require(ISO8601DateFormatter().date(from: text))
        for zone in ["Asia/Shanghai", "America/New_York", "UTC", "Asia/Kolkata", "Pacific/Chatham"] {
            let timeZone = try #require(TimeZone(identifier: zone))
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
            let expected = String(format: "%04d-%02d-%02d %02d:%02d", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!)
            #expect(MessageText.formatted(date, timeZone: timeZone) == expected, "\(text) in \(zone)")
        }
    }

    @Test("HTML escapes every field and link")
    func html() {
        let hostile = NotifyFixtures.incident(subject: "<script>alert('x')</script> & \"quotes\"")
        let links = MessageLinks(incident: "https://x.example/?a=1&b=\"><script>", runbook: "runbooks/level-1.md")
        let html = MessageText.html(hostile, purpose: "level raised to L1", timeZone: NotifyFixtures.shanghai, links: links)
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;"))
        #expect(html.contains("<a href=\"https://x.example/?a=1&amp;b=&quot;&gt;&lt;script&gt;\">"))
        #expect(html.contains("<td>runbooks/level-1.md</td>"), "a path is text, not a link")
        #expect(html.contains("<strong>level raised to L1</strong>"))
        #expect(html.contains("2023-11-15 06:13"))
    }

    @Test("SMS: one line of at most 140 characters, shortening the subject before dropping facts")
    func sms() {
        let short = MessageText.sms(incident, purpose: "new fault", timeZone: NotifyFixtures.shanghai,
                                    links: MessageLinks(acknowledge: "https://o.example/a/t"))
        #expect(short == "[L1] 订单系统无法登录 · INC-000123 | new fault | 故障开始 2023-11-15 06:13 | 确认 https://o.example/a/t")

        let long = NotifyFixtures.incident(subject: String(repeating: "仓储中心订单系统无法登录，", count: 20))
        let longLink = MessageLinks(acknowledge: "https://oncall.example.com/a/" + String(repeating: "t", count: 90))
        for links in [NotifyFixtures.links, longLink, MessageLinks()] {
            let text = MessageText.sms(long, purpose: "escalated to the emergency group", timeZone: NotifyFixtures.shanghai, links: links)
            #expect(text.count <= 140, "\(text.count): \(text)")
            #expect(!text.contains("\n"))
            #expect(text.hasPrefix("[L1] 仓储中心"))
            #expect(text.contains("INC-000123"))
            #expect(text.contains("escalated to the emergency group"))
        }
        let withLink = MessageText.sms(long, purpose: "new fault", timeZone: NotifyFixtures.shanghai, links: NotifyFixtures.links)
        #expect(withLink.contains("确认 https://oncall.example.com/a/ack-token"), "the subject gave way, not the link")
    }
}
