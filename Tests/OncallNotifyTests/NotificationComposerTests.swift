import Foundation
import OncallCore
import OncallNotify
import OncallTesting
import Testing

@Suite("Notification composer")
struct NotificationComposerTests {
    let links = ActionLinks(secret: "link-secret", lifetime: .seconds(3600))

    var settings: DeliverySettings {
        var settings = DeliverySettings(
            people: [
                "li.na": Person(id: "li.na", name: "李娜", email: "li.na@example.com", phone: "+8613800000002", chat: ["wecom": "LiNa"]),
                "chen.jie": Person(id: "chen.jie", name: "陈杰", email: "chen.jie@example.com"),
                "no.mail": Person(id: "no.mail", name: "无邮箱"),
            ],
            smtp: .init(url: "smtp://127.0.0.1:25", from: "oncalld@example.com"),
            webhooks: [
                .init(name: "ops", kind: .wecom, url: "http://127.0.0.1/wecom", secret: nil, levels: [.level1, .level2]),
                .init(name: "l3-only", kind: .slack, url: "http://127.0.0.1/slack", secret: nil, levels: [.level3]),
            ],
            baseURL: "https://oncall.example.com", links: links, timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        settings.vendorContacts = ["WMS": ["示例软件有限公司 · 售后值班 · +86 400 000 0000"]]
        return settings
    }

    func incident(level: Level = .level2, service: String? = "WMS") -> Incident {
        var form = ReportForm.fixture()
        form.service = service
        return Incident(id: IncidentNumber(7), form: form, level: level, state: .reported, reportedAt: t0, reportedBy: "unix:helpdesk")
    }

    @Test("one email per person with an address, one chat message per robot of the level, mentions by chat id")
    func channels() throws {
        let messages = NotificationComposer(settings: settings).compose(
            NotificationIntent(purpose: .reported, recipients: ["li.na", "chen.jie", "no.mail"]), incident: incident(), now: t0)
        #expect(messages.map(\.channel) == ["email", "email", "wecom"])
        #expect(messages.map(\.target) == ["li.na@example.com", "chen.jie@example.com", "ops"])
        #expect(messages[0].subject == MessageText.subject(incident(), purpose: "new fault"))
        #expect(messages[2].recipients == ["li.na", "chen.jie", "no.mail"])
        let extras = try #require(try JSONSerialization.jsonObject(with: Data(messages[2].extras.utf8)) as? [String: Any])
        #expect(extras["mentions"] as? [String] == ["LiNa"])
        #expect(Set(messages.map(\.id)).count == 3)
    }

    @Test("each person's email carries their own signed acknowledge and resolve links")
    func personalLinks() throws {
        let message = try #require(NotificationComposer(settings: settings).compose(
            NotificationIntent(purpose: .reported, recipients: ["li.na"]), incident: incident(), now: t0).first)
        let tokens = message.body.components(separatedBy: "https://oncall.example.com/a/").dropFirst()
            .map { String($0.prefix { !$0.isWhitespace }) }
        #expect(tokens.count == 2)
        let claims = tokens.compactMap { links.verify($0, now: t0) }
        #expect(Set(claims.map(\.action)) == [.acknowledge, .resolve])
        #expect(claims.allSatisfy { $0.person == "li.na" && $0.incident == 7 })
        #expect(tokens.allSatisfy { links.verify($0, now: t0.addingTimeInterval(3601)) == nil }, "links expire")
        #expect(links.verify(tokens[0] + "x", now: t0) == nil, "a tampered token is refused")
        #expect(message.body.contains("https://oncall.example.com/v1/incidents/INC-000007"))
    }

    @Test("the emergency group gets the product's vendor contacts on escalation only")
    func vendorContacts() {
        let composer = NotificationComposer(settings: settings)
        let escalated = composer.compose(NotificationIntent(purpose: .escalated, recipients: ["chen.jie"]), incident: incident(), now: t0)
        #expect(escalated.allSatisfy { $0.body.contains("示例软件有限公司 · 售后值班") })
        let reported = composer.compose(NotificationIntent(purpose: .reported, recipients: ["chen.jie"]), incident: incident(), now: t0)
        #expect(reported.allSatisfy { !$0.body.contains("示例软件有限公司") })
    }

    @Test("a level without robots gets only email")
    func levelFilter() {
        let messages = NotificationComposer(settings: settings).compose(
            NotificationIntent(purpose: .reported, recipients: ["li.na"]), incident: incident(level: .level3), now: t0)
        #expect(messages.map(\.channel) == ["email", "slack"])
    }
}
