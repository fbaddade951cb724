import Foundation
import OncallAPI
import Testing

/// Issue 11: "The SMTP server and a webhook receiver are down for a while and come back: every message
/// is delivered, in order per recipient, with the attempts logged."
///
/// `notify.retry`: 30 attempts, every 0.5–1 s (initial and max backoff 1 s, equal jitter), so a head
/// of queue is retried several times during the outage and is not dead by the end of it.
extension EndToEnd {
@Suite("Delivery outage: the SMTP server and the webhook receiver go down and come back on the same port")
struct DeliveryOutageTests {
    /// The four recipient queues of the notification world: two mailboxes, the generic webhook, the WeCom robot.
    static let targets = ["li.na@example.com", "zhang.wei@example.com", "hook", "wx"]

    /// The message ids each target was sent, in the order they arrived (Message-ID, Idempotency-Key).
    static func arrivals(_ sink: SMTPSink, _ receiver: HTTPReceiver) throws -> [String: [String]] {
        var arrived: [String: [String]] = [:]
        for mail in try sink.messages() {
            let id = mail.messageID.trimmingCharacters(in: CharacterSet(charactersIn: "<>")).replacingOccurrences(of: "@oncalld", with: "")
            arrived[mail.recipient ?? "\(mail.rcptTos)", default: []].append(id)
        }
        for (path, target) in [("/hook", "hook"), ("/wecom", "wx")] {
            arrived[target] = try receiver.requests(path).filter { $0.status == 200 }.map { $0.idempotencyKey ?? "(no key)" }
        }
        return arrived
    }

    @Test("down for a few seconds while three reports and a resolution are queued: each message delivered exactly once, in queue order per recipient; the heads' failed attempts then the success are logged, the rest were never tried while held")
    func outageAndRecovery() async throws {
        let world = try await NotifySandbox(smtp: true, receiver: [:])
        defer { world.cleanup() }
        try world.writeConfig(world.config(webhooks: [.hook, .wecom], maxAttempts: 30, initialBackoff: "1s", maxBackoff: "1s"))
        _ = try await world.startDaemon()
        let sink = try #require(world.sink)
        let receiver = try #require(world.receiver)
        let sandbox = world.sandbox

        // Per target, the ids of the messages queued for it, in the order the events that wrote them committed.
        var queued: [String: [String]] = [:]
        var seen = Set<String>()
        func recordQueued(_ incident: String) async throws {
            for delivery in try await world.deliveries(incident) where seen.insert(delivery.id).inserted {
                queued[delivery.target, default: []].append(delivery.id)
            }
        }

        // Up: INC-000001 reaches all four at the first attempt.
        _ = try await sandbox.report(sampleReport("上线前的最后一次演练"))
        try await recordQueued("INC-000001")
        try await world.waitForDeliveries("INC-000001's four messages to be delivered", of: "INC-000001") { list in
            list.count == 4 && list.allSatisfy { $0.status == "delivered" }
        }

        // Down: both ports refuse connections. Three reports and a resolution queue at least four messages per target.
        sink.helper.stop()
        receiver.helper.stop()
        let wentDown = Date()
        _ = try await sandbox.report(sampleReport("邮件网关无响应"))
        try await recordQueued("INC-000002")
        _ = try await sandbox.report(sampleReport("企业微信机器人无响应"))
        try await recordQueued("INC-000003")
        _ = try await sandbox.call { try $0.resolve("INC-000002", summary: "网关已重启") }
        try await recordQueued("INC-000002")
        _ = try await sandbox.report(sampleReport("Webhook 接收端宕机"))
        try await recordQueued("INC-000004")
        // Each target: INC-1, INC-2, INC-3, INC-2 resolved, INC-4 (and zhang.wei and the robots the fault report to write).
        for target in Self.targets {
            #expect((queued[target]?.count ?? 0) >= 5, "\(target): \(queued)")
        }

        // Each queue's head (INC-000002's new-fault message) is retried while down; the rest wait behind it, untried.
        let heads = Set(Self.targets.compactMap { queued[$0]?[1] })
        try await world.waitForDeliveries("each head to fail twice while the far ends are down", of: "INC-000002", timeout: .seconds(15)) { list in
            list.filter { heads.contains($0.id) }.count == 4
                && list.filter { heads.contains($0.id) }.allSatisfy { $0.attempts.count >= 2 && $0.attempts.allSatisfy { $0.result == "retryable" } }
        }
        for incident in ["INC-000002", "INC-000003", "INC-000004"] {
            for delivery in try await world.deliveries(incident) where !heads.contains(delivery.id) {
                #expect(delivery.status == "pending" && delivery.attempts.isEmpty, "\(NotifySandbox.describe([delivery]))")
                #expect(delivery.waitingBehind == .init(id: queued[delivery.target]?[1] ?? "?", incident: "INC-000002"),
                        "\(incident) waits behind INC-000002 to \(delivery.target): \(String(describing: delivery.waitingBehind))")
            }
        }
        let held = try await sandbox.ctl("deliveries", ["INC-000003"])
        #expect(held.stdout.split(separator: "\n").filter { $0.contains("pending (behind INC-000002)") }.count == 4, "\(held)")

        // Back on the same ports.
        let cameBack = Date()
        try await sink.helper.restart()
        try await receiver.helper.restart()
        try await world.waitUntilOutboxSettled("every queued message to be delivered after the far ends came back", timeout: .seconds(20))
        let settled = Date()
        let total = queued.values.reduce(0) { $0 + $1.count }
        let mails = (queued["li.na@example.com"]?.count ?? 0) + (queued["zhang.wei@example.com"]?.count ?? 0)
        let posts = total - mails
        try await sink.waitForMessages("all \(mails) mails", count: mails)
        try await receiver.waitForRequests("all \(posts) webhook posts") { $0.filter { $0.status == 200 }.count >= posts }

        // Exactly once each, in the order queued, per recipient.
        let arrived = try Self.arrivals(sink, receiver)
        for target in Self.targets {
            #expect(arrived[target] == queued[target], "\(target): arrived \(arrived[target] ?? []) but queued \(queued[target] ?? [])")
        }
        #expect(Set(arrived.keys) == Set(Self.targets), "\(arrived.keys.sorted())")
        let requests = try receiver.requests()
        #expect(requests.count == posts, "nothing reached the receiver while it was down: \(requests)")

        // The attempt log: the heads' failed attempts (connection refused), then one success after the far end came back.
        var retried = 0
        for incident in ["INC-000001", "INC-000002", "INC-000003", "INC-000004"] {
            for delivery in try await world.deliveries(incident) {
                let results = delivery.attempts.map(\.result)
                #expect(delivery.status == "delivered" && delivery.waitingBehind == nil, "\(NotifySandbox.describe([delivery]))")
                #expect(delivery.attempts.map(\.number) == Array(1...max(1, delivery.attempts.count)))
                if heads.contains(delivery.id) {
                    #expect(results.count >= 3 && results.last == "delivered" && results.dropLast().allSatisfy { $0 == "retryable" },
                            "\(NotifySandbox.describe([delivery]))")
                    #expect(delivery.attempts.dropLast().allSatisfy { $0.detail.contains("curl error 7") && $0.at >= wentDown },
                            "connection refused while down: \(NotifySandbox.describe([delivery]))")
                    #expect((delivery.attempts.last?.at ?? .distantPast) >= cameBack)
                    retried += delivery.attempts.count - 1
                } else {
                    #expect(results == ["delivered"], "a message held behind another is not tried: \(NotifySandbox.describe([delivery]))")
                }
            }
        }
        let table = try await sandbox.ctl("deliveries", ["INC-000002"])
        #expect(table.status == 0 && table.stdout.contains("retryable") && table.stdout.contains("Couldn't connect"), "\(table)")
        #expect(table.stdout.split(separator: "\n").filter { $0.contains("delivered") }.count >= 16, "every message and its last attempt: \(table)")

        let downFor = cameBack.timeIntervalSince(wentDown)
        let recovery = settled.timeIntervalSince(cameBack)
        print(String(format: "delivery outage: %d messages to 4 recipients; down %.1f s (%d failed attempts logged); all delivered in order %.1f s after the far ends came back",
                     total, downFor, retried, recovery))
        #expect(recovery < 10, "a head is retried within 1 s of the far end's return and the rest follow at once; took \(recovery) s")
    }
}
}
