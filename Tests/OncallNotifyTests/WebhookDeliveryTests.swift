import Foundation
import OncallCurl
import OncallNotify
import OncallTesting
import Testing

@Suite("Webhook and chat deliveries to a loopback HTTP receiver", .timeLimit(.minutes(1)))
struct WebhookDeliveryTests {
    @Test("WeCom: payload, Idempotency-Key, errcode 0 delivered, 45009 retryable, other codes permanent")
    func weCom() async throws {
        let receiver = try HTTPReceiver(answers: [
            .init(status: 200, body: #"{"errcode":0,"errmsg":"ok"}"#),
            .init(status: 200, body: #"{"errcode":45009,"errmsg":"api freq out of limit"}"#),
            .init(status: 200, body: #"{"errcode":93000,"errmsg":"invalid webhook url"}"#),
        ])
        defer { receiver.stop() }
        let request = WeComRobot.request(
            webhookURL: receiver.url("/cgi-bin/webhook/send?key=k1"), text: "[L1] 订单系统无法登录 · INC-000123\n\"详情\"",
            mentionUserIDs: ["zhangwei", "@all"], mentionMobiles: ["13800138000"], idempotencyKey: "msg-1")
        let first = await WebhookSender.send(request, channel: .wecom)
        #expect(first == .delivered(detail: #"HTTP 200 {"errcode":0,"errmsg":"ok"}"#))
        #expect(await WebhookSender.send(request, channel: .wecom).isRetryable)
        #expect(await WebhookSender.send(request, channel: .wecom).result == .permanent)

        let logged = try #require(try receiver.requests().first)
        #expect(logged.method == "POST")
        #expect(logged.path == "/cgi-bin/webhook/send?key=k1")
        #expect(logged.headers["content-type"] == "application/json")
        #expect(logged.headers["idempotency-key"] == "msg-1")
        let json = try logged.json()
        #expect(json["msgtype"] as? String == "text")
        let text = try #require(json["text"] as? [String: Any])
        #expect(text["content"] as? String == "[L1] 订单系统无法登录 · INC-000123\n\"详情\"")
        #expect(text["mentioned_list"] as? [String] == ["zhangwei", "@all"])
        #expect(text["mentioned_mobile_list"] as? [String] == ["13800138000"])
    }

    @Test("DingTalk: signed URL recomputed here, at-lists, errcode 130101 retryable and 310000 permanent")
    func dingTalk() async throws {
        let receiver = try HTTPReceiver(answers: [
            .init(status: 200, body: #"{"errcode":0,"errmsg":"ok"}"#),
            .init(status: 200, body: #"{"errcode":130101,"errmsg":"send too fast"}"#),
            .init(status: 200, body: #"{"errcode":310000,"errmsg":"sign not match"}"#),
        ])
        defer { receiver.stop() }
        let secret = "SEC0123456789abcdef"
        let when = Date(timeIntervalSince1970: 1_700_000_000.25)
        let request = DingTalkRobot.request(
            webhookURL: receiver.url("/robot/send?access_token=tok"), secret: secret, text: "[L2] 部分功能异常",
            atMobiles: ["13800138000"], atUserIds: ["user123"], timestamp: when, idempotencyKey: "msg-2")
        #expect(await WebhookSender.send(request, channel: .dingtalk).isDelivered)
        #expect(await WebhookSender.send(request, channel: .dingtalk).isRetryable)
        #expect(await WebhookSender.send(request, channel: .dingtalk).result == .permanent)

        let logged = try #require(try receiver.requests().first)
        let query = try #require(URLComponents(string: "http://h" + logged.path)?.queryItems)
        #expect(query.map(\.name) == ["access_token", "timestamp", "sign"])
        #expect(query[1].value == "1700000000250")
        // What DingTalk computes: base64(HMAC-SHA256(secret, "<timestamp>\n<secret>")), here by Python.
        let python = """
            import base64, hashlib, hmac, sys
            print(base64.b64encode(hmac.new(sys.argv[2].encode(), (sys.argv[1] + "\\n" + sys.argv[2]).encode(), hashlib.sha256).digest()).decode(), end="")
            """
        let expected = String(decoding: try FixtureProcess.output(python: ["-c", python, "1700000000250", secret]), as: UTF8.self)
        #expect(query[2].value == expected)
        #expect(logged.headers["idempotency-key"] == "msg-2")
        let json = try logged.json()
        #expect(json["msgtype"] as? String == "text")
        #expect((json["text"] as? [String: Any])?["content"] as? String == "[L2] 部分功能异常")
        let at = try #require(json["at"] as? [String: Any])
        #expect(at["atMobiles"] as? [String] == ["13800138000"])
        #expect(at["atUserIds"] as? [String] == ["user123"])
        #expect(at["isAtAll"] as? Bool == false)
    }

    @Test("DingTalk without a secret posts to the URL unchanged")
    func dingTalkUnsigned() async throws {
        let receiver = try HTTPReceiver(answers: [.init(status: 200, body: #"{"errcode":0,"errmsg":"ok"}"#)])
        defer { receiver.stop() }
        let request = DingTalkRobot.request(webhookURL: receiver.url("/robot/send?access_token=tok"), secret: nil, text: "x", timestamp: t0)
        #expect(await WebhookSender.send(request, channel: .dingtalk).isDelivered)
        #expect(try receiver.requests().first?.path == "/robot/send?access_token=tok")
    }

    @Test("Feishu: body sign recomputed here, <at> mentions, code 0 delivered, 11232 retryable, 19021 permanent")
    func feishu() async throws {
        let receiver = try HTTPReceiver(answers: [
            .init(status: 200, body: #"{"StatusCode":0,"StatusMessage":"success","code":0,"data":{},"msg":"success"}"#),
            .init(status: 200, body: #"{"code":11232,"msg":"frequency limited"}"#),
            .init(status: 200, body: #"{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}"#),
        ])
        defer { receiver.stop() }
        let request = FeishuRobot.request(
            webhookURL: receiver.url("/open-apis/bot/v2/hook/abc"), secret: "fsSecret", text: "[L1] 订单系统无法登录",
            mentionOpenIDs: [(id: "ou_123", name: "张伟"), (id: "all", name: "所有人")], timestamp: t0, idempotencyKey: "msg-3")
        #expect(await WebhookSender.send(request, channel: .feishu).isDelivered)
        #expect(await WebhookSender.send(request, channel: .feishu).isRetryable)
        let refused = await WebhookSender.send(request, channel: .feishu)
        #expect(refused.result == .permanent)
        #expect(refused.detail.contains("19021"))

        let json = try #require(try receiver.requests().first).json()
        #expect(json["msg_type"] as? String == "text")
        #expect(json["timestamp"] as? String == "1700000000")
        let python = """
            import base64, hashlib, hmac, sys
            print(base64.b64encode(hmac.new((sys.argv[1] + "\\n" + sys.argv[2]).encode(), digestmod=hashlib.sha256).digest()).decode(), end="")
            """
        let expected = String(decoding: try FixtureProcess.output(python: ["-c", python, "1700000000", "fsSecret"]), as: UTF8.self)
        #expect(json["sign"] as? String == expected)
        let text = try #require((json["content"] as? [String: Any])?["text"] as? String)
        #expect(text == "[L1] 订单系统无法登录\n<at user_id=\"ou_123\">张伟</at> <at user_id=\"all\">所有人</at>")
    }

    @Test("Feishu without a secret has no sign fields")
    func feishuUnsigned() async throws {
        let receiver = try HTTPReceiver(answers: [.init(status: 200, body: #"{"code":0}"#)])
        defer { receiver.stop() }
        let request = FeishuRobot.request(webhookURL: receiver.url("/hook"), secret: nil, text: "x", timestamp: t0)
        #expect(await WebhookSender.send(request, channel: .feishu).isDelivered)
        let json = try #require(try receiver.requests().first).json()
        #expect(json["sign"] == nil && json["timestamp"] == nil)
    }

    @Test("Slack: {\"text\"} with &, < and > escaped")
    func slack() async throws {
        let receiver = try HTTPReceiver(answers: [.init(status: 200, body: "ok")])
        defer { receiver.stop() }
        let request = SlackWebhook.request(webhookURL: receiver.url("/services/T/B/x"), text: "[L1] a < b && c > d <!channel>", idempotencyKey: "msg-4")
        #expect(await WebhookSender.send(request, channel: .slack) == .delivered(detail: "HTTP 200 ok"))
        let logged = try #require(try receiver.requests().first)
        #expect(try logged.json() as? [String: String] == ["text": "[L1] a &lt; b &amp;&amp; c &gt; d &lt;!channel&gt;"])
        #expect(logged.headers["idempotency-key"] == "msg-4")
    }

    @Test("Generic webhook: the receiver verifies the signature; 503 is retryable, 400 permanent")
    func generic() async throws {
        let receiver = try HTTPReceiver(answers: [
            .init(status: 503, body: "Service Unavailable"),
            .init(status: 200, body: #"{"received":true}"#),
            .init(status: 400, body: "bad event"),
        ])
        defer { receiver.stop() }
        let body = Data(#"{"event":"new fault","incident":{"id":"INC-000123","subject":"订单系统无法登录"}}"#.utf8)
        let request = GenericWebhook.request(url: receiver.url("/hooks/oncall"), secret: "whsec_test", body: body, idempotencyKey: "msg-5", timestamp: t0)
        let unavailable = await WebhookSender.send(request, channel: .webhook)
        #expect(unavailable == .retryable(detail: "HTTP 503 Service Unavailable"))
        #expect(await WebhookSender.send(request, channel: .webhook) == .delivered(detail: #"HTTP 200 {"received":true}"#))
        #expect(await WebhookSender.send(request, channel: .webhook) == .permanent(detail: "HTTP 400 bad event"))

        let requests = try receiver.requests()
        #expect(requests.count == 3)
        for logged in requests {
            #expect(logged.bodyData == body)
            #expect(logged.headers["idempotency-key"] == "msg-5", "a retry carries the same key")
            #expect(logged.headers["x-oncalld-timestamp"] == "1700000000")
            let signature = try #require(logged.headers["x-oncalld-signature"])
            #expect(GenericWebhook.verify(signatureHeader: signature, timestamp: "1700000000", body: logged.bodyData, secret: "whsec_test"))
            #expect(!GenericWebhook.verify(signatureHeader: signature, timestamp: "1700000000", body: logged.bodyData, secret: "wrong"))
        }
    }

    @Test("SMS gateway: a 2xx is delivered, the JSON body arrives escaped")
    func sms() async throws {
        let receiver = try HTTPReceiver(answers: [.init(status: 202, body: #"{"id":"m1"}"#), .init(status: 429, body: "slow down")])
        defer { receiver.stop() }
        let gateway = SMSGateway(
            urlTemplate: receiver.url("/sms?to={{phone}}"), headers: [("Content-Type", "application/json; charset=utf-8")],
            bodyTemplate: #"{"to":"{{phone}}","text":"{{text}}"}"#)
        let request = gateway.request(phone: "+8613800138000", text: "[L1] \"订单\" 系统\n确认", idempotencyKey: "msg-6")
        #expect(await WebhookSender.send(request, channel: .sms).isDelivered)
        #expect(await WebhookSender.send(request, channel: .sms).isRetryable)
        let logged = try #require(try receiver.requests().first)
        #expect(logged.path == "/sms?to=%2B8613800138000")
        #expect(try logged.json() as? [String: String] == ["to": "+8613800138000", "text": "[L1] \"订单\" 系统\n确认"])
    }

    @Test("Nobody listening: retryable, with curl's error as the detail")
    func refused() async throws {
        let port = try LoopbackPort.free()
        let request = WeComRobot.request(webhookURL: "http://127.0.0.1:\(port)/hook", text: "x")
        let outcome = await WebhookSender.send(request, channel: .wecom)
        #expect(outcome.isRetryable)
        #expect(outcome.detail.contains("curl error 7"))
    }

    @Test("Through a shared CurlMulti as well")
    func multi() async throws {
        let receiver = try HTTPReceiver(answers: [.init(status: 200, body: #"{"errcode":0,"errmsg":"ok"}"#)])
        defer { receiver.stop() }
        let multi = CurlMulti(maxConcurrent: 4)
        defer { multi.shutdown() }
        let request = WeComRobot.request(webhookURL: receiver.url("/hook"), text: "x")
        #expect(await WebhookSender.send(request, channel: .wecom, multi: multi).isDelivered)
    }
}
