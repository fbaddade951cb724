import Foundation
import OncallCore
import OncallCurl
import OncallNotify
import OncallTesting
import Testing

@Suite("Channel payloads: typed extras, as stored in the outbox")
struct ChannelPayloadTests {
    static let event = GenericEvent(
        event: "new fault", sentAt: "2023-11-14T22:13:20Z",
        incident: .init(
            id: "INC-000123", level: 1, state: "reported", subject: "订单系统无法登录", organisation: "仓储中心", reporter: "仓储中心值班员",
            reportedAt: "2023-11-14T22:13:20Z", scope: "all", outageStarted: "2023-11-14T22:13:20Z"),
        recipients: ["li.na", "zhang.wei"], links: NotifyFixtures.links)

    @Test("Each payload encodes with sorted keys and reads back equal")
    func roundTrip() throws {
        let email = EmailPayload(html: "<p>李娜</p>", name: "李娜")
        #expect(email.extras == #"{"html":"<p>李娜</p>","name":"李娜"}"#)
        #expect(try EmailPayload(extras: email.extras) == email)
        #expect(EmailPayload(name: "陈杰").extras == #"{"name":"陈杰"}"#, "no html: the key is left out")
        #expect(try EmailPayload(extras: EmailPayload(name: "陈杰").extras) == EmailPayload(name: "陈杰"))

        let chat = ChatPayload(mentions: ["LiNa"], names: ["李娜"], mobiles: ["+8613800000002"])
        #expect(chat.extras == #"{"mentions":["LiNa"],"mobiles":["+8613800000002"],"names":["李娜"]}"#)
        #expect(try ChatPayload(extras: chat.extras) == chat)

        let webhook = WebhookPayload(event: Self.event)
        #expect(try WebhookPayload(extras: webhook.extras) == webhook)
        #expect(webhook.extras.hasPrefix(#"{"event":{"event":"new fault","incident":{"id":"INC-000123","level":1,"organisation":"#))
        var bare = Self.event
        bare.incident.scope = nil
        bare.incident.outageStarted = nil
        bare.links = MessageLinks()
        let bareText = WebhookPayload(event: bare).extras
        #expect(!bareText.contains("scope") && !bareText.contains("outage_started") && bareText.contains(#""links":{}"#))
        #expect(try WebhookPayload(extras: bareText).event == bare)

        #expect(EmptyPayload().extras == "{}")
        #expect(try EmptyPayload(extras: "{}") == EmptyPayload())
    }

    @Test("The JSON text the composer stored before typed payloads reads back")
    func storedText() throws {
        // As JSONSerialization wrote it (sorted keys, escaped slashes); the periodic report mail writes the same.
        #expect(try EmailPayload(extras: #"{"html":"<p>故障<\/p>","name":"李娜"}"#) == EmailPayload(html: "<p>故障</p>", name: "李娜"))
        #expect(try EmailPayload(extras: #"{"name":"陈杰"}"#) == EmailPayload(name: "陈杰"))
        #expect(try EmailPayload(extras: "{}") == EmailPayload())
        #expect(try ChatPayload(extras: #"{"mentions":["LiNa"],"mobiles":["+8613800000002","+8613800000003"],"names":["李娜"]}"#)
            == ChatPayload(mentions: ["LiNa"], names: ["李娜"], mobiles: ["+8613800000002", "+8613800000003"]))
        #expect(try ChatPayload(extras: #"{"mentions":[],"mobiles":[],"names":[]}"#) == ChatPayload())
        #expect(try ChatPayload(extras: "{}") == ChatPayload(), "a list left out is empty")
        let stored = #"""
            {"event":{"event":"new fault","incident":{"id":"INC-000123","level":1,"organisation":"仓储中心","outage_started":"2023-11-14T22:13:20Z","reported_at":"2023-11-14T22:13:20Z","reporter":"仓储中心值班员","scope":"all","state":"reported","subject":"订单系统无法登录"},"links":{"acknowledge":"https:\/\/oncall.example.com\/a\/ack-token","incident":"https:\/\/oncall.example.com\/v1\/incidents\/INC-000123","resolve":"https:\/\/oncall.example.com\/a\/resolve-token","runbook":"https:\/\/oncall.example.com\/runbooks\/level-1.md"},"recipients":["li.na","zhang.wei"],"sent_at":"2023-11-14T22:13:20Z"}}
            """#
        #expect(try WebhookPayload(extras: stored) == WebhookPayload(event: Self.event))
        #expect(try EmptyPayload(extras: "{}") == EmptyPayload())
    }

    @Test("The composer's webhook event means what the untyped one did, stored and posted")
    func genericEventAsBefore() throws {
        let people = ["li.na": Person(id: "li.na", name: "李娜", email: "li.na@example.com")]
        let webhook = DeliverySettings.Webhook(name: "hook", kind: .webhook, url: "http://127.0.0.1/hook", secret: "s", levels: [.level1])
        let settings = DeliverySettings(
            people: people, webhooks: [webhook], baseURL: "https://oncall.example.com",
            links: ActionLinks(secret: "link-secret", lifetime: .seconds(3600)), runbooks: [.level1: "runbooks/level-1.md"],
            timeZone: NotifyFixtures.shanghai)
        let incident = NotifyFixtures.incident()
        let message = try #require(NotificationComposer(settings: settings).compose(
            NotificationIntent(purpose: .reported, recipients: ["li.na"]), incident: incident, now: t0.addingTimeInterval(90)).first)
        #expect(message.channel == "webhook")
        let payload = try WebhookPayload(extras: message.extras)
        #expect(payload.event.links.acknowledge != nil && payload.event.links.runbook == "https://oncall.example.com/runbooks/level-1.md")

        // What the composer built as [String: Any] before.
        let format = ISO8601DateFormatter()
        var links: [String: String] = [:]
        links["incident"] = payload.event.links.incident
        links["runbook"] = payload.event.links.runbook
        links["acknowledge"] = payload.event.links.acknowledge
        links["resolve"] = payload.event.links.resolve
        let legacy: [String: Any] = [
            "event": "new fault", "sent_at": format.string(from: t0.addingTimeInterval(90)), "recipients": ["li.na"], "links": links,
            "incident": [
                "id": "INC-000123", "level": 1, "state": "reported", "subject": incident.form.subject,
                "organisation": incident.form.organisation, "reporter": incident.form.reporter, "reported_at": format.string(from: t0),
                "scope": "all", "outage_started": format.string(from: t0),
            ] as [String: Any],
        ]
        // Compared in one canonical form: parsed, then written again with sorted keys.
        func canonical(_ object: Any) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }
        func canonical(_ data: Data) throws -> String { try canonical(try JSONSerialization.jsonObject(with: data)) }
        #expect(try canonical(Data(message.extras.utf8)) == canonical(["event": legacy] as [String: Any]))
        let body = try #require(GenericWebhook().request(message, payload: payload, webhook: webhook, now: t0).body)
        #expect(try canonical(body) == canonical(legacy))
    }

    @Test("Extras that are not the channel's payload: a permanent failure saying why, nothing sent")
    func undecodable() async {
        // Port 9 (discard) on loopback: were anything sent, the outcome would be retryable, not permanent.
        let settings = DeliverySettings(
            people: [:], smtp: .init(url: "smtp://127.0.0.1:9", from: "oncalld@example.com"),
            webhooks: [
                .init(name: "ops", kind: .wecom, url: "http://127.0.0.1:9/wecom", secret: nil, levels: [.level1]),
                .init(name: "hook", kind: .webhook, url: "http://127.0.0.1:9/hook", secret: nil, levels: [.level1]),
            ],
            sms: SMSGateway(urlTemplate: "http://127.0.0.1:9/sms?to={{phone}}"), timeZone: NotifyFixtures.shanghai)
        func outcome(_ channel: String, target: String, extras: String) async -> DeliveryOutcome {
            let message = OutboxMessage(
                id: "m1", incident: IncidentNumber(1), channel: channel, target: target, recipients: [], subject: "s", body: "b",
                extras: extras, purpose: "new fault", createdAt: t0)
            return await MessageSender().send(message, settings: settings, now: t0)
        }
        let outcomes = [
            await outcome("wecom", target: "ops", extras: "not json"),
            await outcome("wecom", target: "ops", extras: #"{"mentions":"LiNa"}"#),
            await outcome("webhook", target: "hook", extras: "{}"),
            await outcome("webhook", target: "hook", extras: #"{"event":{"event":"x"}}"#),
            await outcome("email", target: "a@example.com", extras: #"{"name":7}"#),
            await outcome("email", target: "a@example.com", extras: "[]"),
            await outcome("sms", target: "+8613800000002", extras: ""),
        ]
        #expect(outcomes.allSatisfy { $0.result == .permanent })
        #expect(outcomes.map(\.detail) == [
            "unreadable wecom extras: not JSON",
            "unreadable wecom extras: 'mentions' is not an array",
            "unreadable webhook extras: missing 'event'",
            "unreadable webhook extras: missing 'event.incident'",
            "unreadable email extras: 'name' is not a string",
            "unreadable email extras: not a JSON object",
            "unreadable sms extras: not JSON",
        ])
    }

    /// Records what it was given instead of sending.
    struct RecordingChannel: NotificationChannel {
        static let kind = ChannelKind.slack
        func deliver(_ message: OutboxMessage, payload: ChatPayload, settings: DeliverySettings, now: Date) async -> DeliveryOutcome {
            .delivered(detail: "mentions \(payload.mentions.joined(separator: ","))")
        }
    }

    @Test("The sender looks the channel up by kind; a kind without one, or an unknown kind, is permanent")
    func registry() async {
        let sender = MessageSender(channels: [RecordingChannel()])
        let settings = DeliverySettings(
            people: [:], webhooks: [.init(name: "team", kind: .slack, url: "http://127.0.0.1:9/s", secret: nil, levels: [.level1])],
            timeZone: NotifyFixtures.shanghai)
        func message(_ channel: String, target: String = "team", extras: String = #"{"mentions":["U1","U2"]}"#) -> OutboxMessage {
            OutboxMessage(
                id: "m1", incident: nil, channel: channel, target: target, recipients: [], subject: "s", body: "b", extras: extras,
                purpose: "new fault", createdAt: t0)
        }
        #expect(await sender.send(message("slack"), settings: settings, now: t0) == .delivered(detail: "mentions U1,U2"))
        // A robot message goes as its webhook is configured now (here the WeCom robot "team" became a Slack one).
        #expect(await sender.send(message("wecom"), settings: settings, now: t0) == .delivered(detail: "mentions U1,U2"))
        #expect(await sender.send(message("email", target: "a@example.com", extras: "{}"), settings: settings, now: t0)
            == .permanent(detail: "no email channel"))
        #expect(await sender.send(message("pager"), settings: settings, now: t0) == .permanent(detail: "unknown channel 'pager'"))
    }
}
