import Foundation
import OncallAPI
import Testing

/// Issue 4, "a local HTTP receiver checks webhook bodies and verifies the signature; one that fails twice
/// and then answers 200 gets exactly one accepted delivery, after two retries", dead letters, and
/// "the daemon killed while a delivery is being retried delivers it after restart".
///
/// `notify.retry`: max_attempts 4, initial_backoff 1s, max_backoff 2s, with equal jitter: the k-th retry
/// waits between half and all of min(1 s · 2^(k-1), 2 s).
extension EndToEnd {
@Suite("Webhook delivery: signatures, retries, dead letters, and a crash during retries")
struct NotifyWebhookTests {
    @Test("/hook answers 503, 503, 200: three signed requests with one Idempotency-Key, one accepted; attempts retryable, retryable, delivered")
    func retriedUntilAccepted() async throws {
        let world = try await NotifySandbox(smtp: false, receiver: ["/hook": [503, 503, 200]])
        defer { world.cleanup() }
        try world.writeConfig(world.config(webhooks: [.hook, .wecom]))
        _ = try await world.startDaemon()
        let receiver = try #require(world.receiver)
        let base = world.baseURL

        let incident = try await world.sandbox.report(sampleReport("订单系统无法登录"))
        #expect(incident.level == 3)
        var deliveries = try await world.waitForDeliveries("the webhook to be delivered after two retries", timeout: .seconds(12)) { list in
            list.contains { $0.target == "hook" && $0.status != "pending" } && list.contains { $0.target == "wx" && $0.status != "pending" }
        }
        // Nothing pending in the outbox: no fourth request can come. The receiver logs a request after
        // answering it, so wait for its log to hold every recorded attempt before counting.
        try await world.waitUntilOutboxSettled()
        deliveries = try await world.deliveries()
        let recorded = deliveries.first { $0.target == "hook" }?.attempts.count ?? 0
        try await receiver.waitForRequests("the receiver to log the \(recorded) recorded /hook attempts") { list in
            list.filter { $0.path == "/hook" }.count >= recorded && list.contains { $0.path == "/wecom" }
        }

        let hook = try #require(deliveries.first { $0.target == "hook" }, "\(NotifySandbox.describe(deliveries))")
        #expect(deliveries.filter { $0.target == "hook" }.count == 1, "one message per webhook: \(NotifySandbox.describe(deliveries))")
        #expect(hook.channel == "webhook")
        #expect(hook.status == "delivered", "\(NotifySandbox.describe(deliveries))\n\(world.logs)")
        #expect(hook.attempts.map(\.result) == ["retryable", "retryable", "delivered"], "\(NotifySandbox.describe(deliveries))")
        #expect(hook.attempts.map(\.number) == [1, 2, 3])
        #expect(hook.attempts.prefix(2).allSatisfy { $0.detail.hasPrefix("HTTP 503") }, "\(NotifySandbox.describe(deliveries))")
        #expect(hook.attempts.last?.detail.hasPrefix("HTTP 200") == true, "\(NotifySandbox.describe(deliveries))")
        #expect(hook.nextAttemptAt == nil)

        // The far end: three requests, all the same message (same Idempotency-Key, same body), each signed.
        let requests = try receiver.requests("/hook")
        #expect(requests.map(\.status) == [503, 503, 200], "\(requests)")
        #expect(requests.filter { $0.status == 200 }.count == 1, "exactly one accepted delivery")
        #expect(requests.allSatisfy { $0.idempotencyKey == hook.id }, "Idempotency-Key must be the message id \(hook.id): \(requests)")
        #expect(requests.allSatisfy { $0.signatureOK == true }, "X-Oncalld-Signature must verify with the secret: \(requests.map(\.headers))")
        #expect(requests.allSatisfy { $0.headers["x-oncalld-timestamp"].flatMap(Double.init) != nil })
        #expect(requests.allSatisfy { $0.headers["content-type"]?.hasPrefix("application/json") == true })
        #expect(Set(requests.map(\.body)).count == 1, "a retry re-sends the same message")
        if let first = requests.first, let timestamp = first.headers["x-oncalld-timestamp"].flatMap(Double.init) {
            #expect(abs(timestamp - first.at) < 5, "the signed timestamp is the sending time")
        }
        // Equal jitter: the first retry waits 0.5–1 s, the second 1–2 s (generous upper margins for a loaded machine).
        if requests.count == 3 {
            let gaps = [requests[1].at - requests[0].at, requests[2].at - requests[1].at]
            #expect(gaps[0] >= 0.45 && gaps[0] <= 2.0, "first retry after \(gaps[0]) s (expected 0.5–1 s)")
            #expect(gaps[1] >= 0.95 && gaps[1] <= 3.0, "second retry after \(gaps[1]) s (expected 1–2 s)")
        }

        // The generic webhook's JSON event.
        let event = try #require(requests.last?.json, "body: \(requests.last?.body ?? "none")")
        #expect(event["event"] as? String == "new fault")
        #expect(event["recipients"] as? [String] == ["li.na", "zhang.wei"])
        let fields = try #require(event["incident"] as? [String: Any])
        #expect(fields["id"] as? String == "INC-000001")
        #expect(fields["level"] as? Int == 3)
        #expect(fields["state"] as? String == "reported")
        #expect(fields["subject"] as? String == "订单系统无法登录")
        #expect(fields["organisation"] as? String == "Helpdesk East")
        #expect(fields["scope"] == nil, "no scope was given")
        let links = try #require(event["links"] as? [String: String])
        #expect(links["incident"] == "\(base)/v1/incidents/INC-000001")
        #expect(links["acknowledge"]?.hasPrefix("\(base)/a/") == true, "links: \(links)")
        #expect(links["resolve"]?.hasPrefix("\(base)/a/") == true, "links: \(links)")

        // The WeCom robot: one text message mentioning the people with a WeCom id, taken as sent on errcode 0.
        let wx = try #require(deliveries.first { $0.target == "wx" })
        #expect(wx.channel == "wecom")
        #expect(wx.status == "delivered" && wx.attempts.count == 1, "\(NotifySandbox.describe(deliveries))")
        let robot = try receiver.requests("/wecom")
        #expect(robot.count == 1, "\(robot)")
        #expect(robot.first?.idempotencyKey == wx.id)
        let message = try #require(robot.first?.json, "body: \(robot.first?.body ?? "none")")
        #expect(message["msgtype"] as? String == "text")
        let text = try #require(message["text"] as? [String: Any])
        #expect(text["mentioned_list"] as? [String] == ["LiNa"], "li.na has a WeCom id, zhang.wei none: \(text)")
        let content = text["content"] as? String ?? ""
        #expect(content.hasPrefix("[L3] 订单系统无法登录 · INC-000001\n新故障 · new fault"), "content:\n\(content)")
        #expect(content.contains("\(base)/v1/incidents/INC-000001"), "content:\n\(content)")
    }

    @Test("a 400 is dead after one attempt; a 503 that never ends is dead after max_attempts (4); nothing is sent after")
    func deadLetters() async throws {
        let world = try await NotifySandbox(smtp: false, receiver: ["/bad": [400], "/down": [503]])
        defer { world.cleanup() }
        try world.writeConfig(world.config(webhooks: [.webhook("bad"), .webhook("down")]))
        _ = try await world.startDaemon()
        let receiver = try #require(world.receiver)

        _ = try await world.sandbox.report(sampleReport("消息队列积压"))
        // 1 + (0.5–1) + (1–2) + (1–2) s at most for the four attempts.
        _ = try await world.waitForDeliveries("both webhooks to be dead", timeout: .seconds(15)) { list in
            list.count == 2 && list.allSatisfy { $0.status != "pending" }
        }
        // Nothing pending in the outbox: no fifth attempt can come. Wait for the receiver to log every
        // recorded attempt (it logs after answering), then count.
        try await world.waitUntilOutboxSettled()
        let deliveries = try await world.deliveries()
        let recorded = deliveries.reduce(0) { $0 + $1.attempts.count }
        try await receiver.waitForRequests("the receiver to log the \(recorded) recorded attempts") { $0.count >= recorded }

        let bad = try #require(deliveries.first { $0.target == "bad" })
        #expect(bad.status == "dead", "\(NotifySandbox.describe(deliveries))")
        #expect(bad.attempts.count == 1, "a permanent failure is not retried: \(NotifySandbox.describe(deliveries))")
        #expect(bad.attempts.first?.result == "permanent")
        #expect(bad.attempts.first?.detail.hasPrefix("HTTP 400") == true, "\(NotifySandbox.describe(deliveries))")
        #expect(bad.nextAttemptAt == nil)

        let down = try #require(deliveries.first { $0.target == "down" })
        #expect(down.status == "dead", "\(NotifySandbox.describe(deliveries))")
        #expect(down.attempts.count == 4, "max_attempts is 4: \(NotifySandbox.describe(deliveries))")
        #expect(down.attempts.allSatisfy { $0.result == "retryable" && $0.detail.hasPrefix("HTTP 503") }, "\(NotifySandbox.describe(deliveries))")
        #expect(down.nextAttemptAt == nil)

        #expect(try receiver.requests("/bad").count == 1)
        let downRequests = try receiver.requests("/down")
        #expect(downRequests.count == 4, "\(downRequests)")
        #expect(downRequests.allSatisfy { $0.idempotencyKey == down.id && $0.signatureOK == true })

        let metrics = try await world.sandbox.request("GET", "/metrics").text
        #expect(metricValue("oncalld_deliveries", label: "status", "dead", in: metrics) == 2, "\(metrics)")
    }

    @Test("SIGKILL while /hook answers 503 and the message waits for its retry: after a restart it is delivered, exactly one 200 for its key")
    func killedDuringRetries() async throws {
        let world = try await NotifySandbox(smtp: false, receiver: ["/hook": [503]])
        defer { world.cleanup() }
        try world.writeConfig(world.config(webhooks: [.hook], maxAttempts: 8))
        let first = try await world.startDaemon()
        let receiver = try #require(world.receiver)

        _ = try await world.sandbox.report(sampleReport("机房断电"))
        let failing = try await world.waitForDeliveries("the first retryable attempt to be recorded") { list in
            list.first { $0.target == "hook" }?.attempts.first?.result == "retryable"
        }
        try await first.kill()
        let hookID = try #require(failing.first { $0.target == "hook" }?.id)
        let sentBeforeKill = try receiver.requests("/hook")
        #expect(!sentBeforeKill.isEmpty && sentBeforeKill.allSatisfy { $0.status == 503 }, "\(sentBeforeKill)")

        try receiver.answer(["/hook": 200])
        // Let the retry come due while nothing runs: wait until the time the daemon recorded for it has passed.
        let retryAt = try #require(failing.first { $0.target == "hook" }?.nextAttemptAt, "\(NotifySandbox.describe(failing))")
        _ = try await eventually("the recorded retry time \(retryAt) to pass", timeout: .seconds(5)) { Date() > retryAt ? true : nil }
        _ = try await world.startDaemon()

        let deliveries = try await world.waitForDeliveries("the webhook to be delivered after the restart") { list in
            list.first { $0.target == "hook" }?.status == "delivered"
        }
        // Nothing pending in the outbox: no duplicate can come. Count once the receiver has logged every
        // recorded attempt since the restart (it logs after answering).
        try await world.waitUntilOutboxSettled()
        let hook = try #require(try await world.deliveries().first { $0.target == "hook" })
        let requests = try await receiver.waitForRequests("the receiver to log the 200") { list in
            list.contains { $0.path == "/hook" && $0.status == 200 }
        }.filter { $0.path == "/hook" }
        #expect(hook.id == hookID)
        #expect(deliveries.filter { $0.target == "hook" }.count == 1)

        #expect(requests.allSatisfy { $0.idempotencyKey == hookID }, "every request carries the message's key: \(requests)")
        #expect(requests.filter { $0.status == 200 }.count == 1, "delivered exactly once: \(requests)")
        #expect(requests.last?.status == 200, "\(requests)")
        #expect(requests.allSatisfy { $0.signatureOK == true })
        #expect(hook.status == "delivered")
        #expect(hook.attempts.last?.result == "delivered", "\(NotifySandbox.describe([hook]))")
        #expect(hook.attempts.dropLast().allSatisfy { $0.result == "retryable" }, "\(NotifySandbox.describe([hook]))")
        // A send cut off by the kill before it was recorded may go unlogged, but at most one.
        let unrecorded = requests.count - hook.attempts.count
        #expect(unrecorded == 0 || unrecorded == 1, "\(requests.count) requests but \(hook.attempts.count) recorded attempts")
    }
}
}
