import Foundation
import OncallAPI
import Testing

/// Issue 4: "`oncallctl deliveries ID` shows who was contacted, how, when, and what the far end answered",
/// and `oncallctl oncall` shows who is on call.
extension EndToEnd {
@Suite("oncallctl deliveries and oncall against the real daemon")
struct DeliveriesCLITests {
    @Test("oncallctl deliveries INC-000001 prints every message (email, webhook, wecom) with its status and attempts")
    func deliveriesTable() async throws {
        let world = try await NotifySandbox(smtp: true, receiver: ["/hook": [503, 200], "/bad": [400]])
        defer { world.cleanup() }
        try world.writeConfig(world.config(webhooks: [.hook, .wecom, .webhook("bad")]))
        _ = try await world.startDaemon()
        let sandbox = world.sandbox

        _ = try await sandbox.report(sampleReport("门禁系统离线"))
        let deliveries = try await world.waitForDeliveries("all five messages to be delivered or dead", timeout: .seconds(10)) { list in
            list.count == 5 && list.allSatisfy { $0.status != "pending" }
        }

        let result = try await sandbox.ctl("deliveries", ["INC-000001"])
        #expect(result.status == 0, "\(result)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let header = try #require(lines.first, "no output: \(result)")
        for column in ["QUEUED", "CHANNEL", "TARGET", "FOR", "PURPOSE", "STATUS"] {
            #expect(header.contains(column), "header: \(header)")
        }
        func row(_ words: String...) -> String? { lines.first { line in words.allSatisfy { line.contains($0) } } }
        #expect(row("email", "li.na@example.com", "li.na", "new fault", "delivered") != nil, "\(result.stdout)")
        #expect(row("email", "zhang.wei@example.com", "zhang.wei", "new fault", "delivered") != nil, "\(result.stdout)")
        #expect(row("webhook", "hook", "li.na,zhang.wei", "delivered") != nil, "\(result.stdout)")
        #expect(row("wecom", "wx", "delivered") != nil, "\(result.stdout)")
        #expect(row("webhook", "bad", "dead") != nil, "\(result.stdout)")
        // One line per attempt, with what the far end answered.
        #expect(lines.filter { $0.contains("#1") && $0.contains("delivered") && $0.contains("SMTP 250") }.count == 2, "\(result.stdout)")
        #expect(row("#1", "retryable", "HTTP 503") != nil, "\(result.stdout)")
        #expect(row("#2", "delivered", "HTTP 200") != nil, "\(result.stdout)")
        #expect(row("#1", "permanent", "HTTP 400") != nil, "\(result.stdout)")
        #expect(lines.count == 1 + 5 + 6, "a header, 5 messages and 6 attempts:\n\(result.stdout)")

        // --json is the API's answer.
        let json = try await sandbox.ctl("deliveries", ["INC-000001", "--json"])
        #expect(json.status == 0, "\(json)")
        let decoded = try APIDates.decoder.decode(DeliveryListDTO.self, from: Data(json.stdout.utf8))
        #expect(decoded.incident == "INC-000001")
        #expect(decoded.deliveries.map(\.id).sorted() == deliveries.map(\.id).sorted())
        #expect(Dictionary(uniqueKeysWithValues: decoded.deliveries.map { ($0.target, $0.status) })
            == ["li.na@example.com": "delivered", "zhang.wei@example.com": "delivered", "hook": "delivered", "wx": "delivered", "bad": "dead"])

        let missing = try await sandbox.ctl("deliveries", ["INC-000099"])
        #expect(missing.status == 1, "an unknown incident is refused by the daemon: \(missing)")
    }

    @Test("oncallctl oncall prints li.na (oncall_engineers, no schedules), the project manager and the emergency group")
    func onCall() async throws {
        let world = try await NotifySandbox(smtp: false)
        defer { world.cleanup() }
        try world.writeConfig(world.config())
        _ = try await world.startDaemon()

        let result = try await world.sandbox.ctl("oncall")
        #expect(result.status == 0, "\(result)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("On call at ") == true, "\(result.stdout)")
        #expect(lines.contains { $0.contains("engineers") && $0.contains("李娜 (li.na)") }, "\(result.stdout)")
        #expect(lines.contains { $0.contains("project managers") && $0.contains("张伟 (zhang.wei)") }, "\(result.stdout)")
        #expect(lines.contains { $0.contains("emergency group") && $0.contains("陈杰 (chen.jie)") }, "\(result.stdout)")
        #expect(!result.stdout.contains("schedule "), "no schedules are configured:\n\(result.stdout)")

        let json = try await world.sandbox.ctl("oncall", ["--json"])
        #expect(json.status == 0, "\(json)")
        let answer = try APIDates.decoder.decode(OnCallDTO.self, from: Data(json.stdout.utf8))
        #expect(answer.engineers == ["li.na"])
        #expect(answer.projectManagers == ["zhang.wei"])
        #expect(answer.emergencyGroup == ["chen.jie"])
        #expect(answer.schedules.isEmpty && answer.handoffs.isEmpty)
    }
}
}
