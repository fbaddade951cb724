import Foundation
import OncallAPI
import OncallClient
import OncallCurl

/// A ``Sandbox`` for notification tests: the daemon's world plus the far ends it talks to — a real
/// SMTP server (``SMTPSink``) and a scripted HTTP receiver (``HTTPReceiver``) on loopback — and the
/// secrets that sign webhooks and action links.
///
/// Call ``cleanup()`` when the test ends (`defer { world.cleanup() }`): it stops the daemons and the
/// test servers and deletes the directory.
final class NotifySandbox: @unchecked Sendable {
    let sandbox: Sandbox
    let sink: SMTPSink?
    let receiver: HTTPReceiver?
    /// The generic webhook's HMAC key (in ``hookSecretPath``) and the action links' key (in ``linkSecretPath``).
    let hookSecret: String
    let linkSecret: String

    /// A webhook entry of `notify.webhooks`, pointing at the receiver's `path`.
    struct Hook: Sendable {
        var name: String
        var kind: String
        var path: String
        /// Whether it has a `secret_file` (the generic webhook's signing key).
        var signed: Bool

        /// The generic, signed webhook `hook` at `/hook`.
        static let hook = Hook(name: "hook", kind: "webhook", path: "/hook", signed: true)
        /// The WeCom robot `wx` at `/wecom`.
        static let wecom = Hook(name: "wx", kind: "wecom", path: "/wecom", signed: false)

        static func webhook(_ name: String) -> Hook { Hook(name: name, kind: "webhook", path: "/" + name, signed: true) }
    }

    /// - Parameters:
    ///   - smtp: start the SMTP sink.
    ///   - receiver: start the HTTP receiver with this script (per path, the statuses in turn); nil: none.
    init(smtp: Bool, receiver script: [String: [Int]]? = nil) async throws {
        let sandbox = try Sandbox()
        let hookSecret = "hook-" + UUID().uuidString.lowercased()
        let linkSecret = "link-" + UUID().uuidString.lowercased()
        var sink: SMTPSink?
        var receiver: HTTPReceiver?
        do {
            try sandbox.write(hookSecret + "\n", to: sandbox.path + "/hook.key")
            try sandbox.write(linkSecret + "\n", to: sandbox.path + "/link.key")
            if smtp { sink = try await SMTPSink(directory: sandbox.path) }
            if let script { receiver = try await HTTPReceiver(directory: sandbox.path, script: script, secret: hookSecret) }
        } catch {
            sink?.helper.stop()
            sandbox.cleanup()
            throw error
        }
        self.sandbox = sandbox
        self.hookSecret = hookSecret
        self.linkSecret = linkSecret
        self.sink = sink
        self.receiver = receiver
    }

    var hookSecretPath: String { sandbox.path + "/hook.key" }
    var linkSecretPath: String { sandbox.path + "/link.key" }
    /// `notify.base_url`: the daemon's own TCP listener.
    var baseURL: String { sandbox.tcpBase }

    /// The first incident's number in every fresh sandbox.
    static let first = "INC-000001"

    /// The brief's world: li.na (engineer, with a WeCom id), zhang.wei (project manager) and chen.jie
    /// (emergency group); `notify` with the sink, the receiver's webhooks and signed action links.
    /// - Parameters:
    ///   - level3: the flow mapping of `escalation.chains.level3`; by default no reminder comes within a test.
    func config(
        webhooks: [Hook] = [], links: Bool = true, maxAttempts: Int = 4, initialBackoff: String = "1s", maxBackoff: String = "2s",
        emergencyAfter: String = "10m",
        level3: String = "{at_report: [oncall_engineers, project_managers], on_escalation: [emergency_group], "
            + "reminder_every: 10m, reminder_times: 1, notify_on_resolve: true}"
    ) -> String {
        var lines = [
            "# oncalld notification test \(sandbox.path)",
            "state_dir: \(sandbox.stateDir)",
            "socket:",
            "  path: \(sandbox.socketPath)",
            "http:",
            "  listen: 127.0.0.1:\(sandbox.port)",
            "  tokens:",
            "    - name: ci",
            "      token_file: \(sandbox.tokenPath)",
            "escalation:",
            "  emergency_after: \(emergencyAfter)",
            "  chains:",
            "    level3: \(level3)",
            "people:",
            "  - {id: li.na, name: 李娜, email: li.na@example.com, chat: {wecom: LiNa}}",
            "  - {id: zhang.wei, name: 张伟, email: zhang.wei@example.com}",
            "  - {id: chen.jie, name: 陈杰, email: chen.jie@example.com}",
            "oncall_engineers: [li.na]",
            "project_managers: [zhang.wei]",
            "emergency_group: [chen.jie]",
            "log:",
            "  level: info",
            "notify:",
            "  base_url: \(baseURL)",
        ]
        if links { lines.append("  link_secret_file: \(linkSecretPath)") }
        if let sink { lines.append("  smtp: {url: \"\(sink.url)\", from: \"oncalld <oncalld@example.com>\"}") }
        if !webhooks.isEmpty, let receiver {
            lines.append("  webhooks:")
            for hook in webhooks {
                let secret = hook.signed ? ", secret_file: \(hookSecretPath)" : ""
                lines.append("    - {name: \(hook.name), kind: \(hook.kind), url: \"\(receiver.url(hook.path))\"\(secret)}")
            }
        }
        lines.append("  retry: {max_attempts: \(maxAttempts), initial_backoff: \(initialBackoff), max_backoff: \(maxBackoff)}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes ``config(webhooks:links:maxAttempts:initialBackoff:maxBackoff:emergencyAfter:level3:)``'s text.
    func writeConfig(_ text: String) throws { try sandbox.writeConfig(text) }

    func startDaemon() async throws -> DaemonProcess { try await sandbox.startDaemon() }

    /// Stops the test servers, then the daemons, then deletes the directory (kept with `ONCALL_IT_KEEP`).
    func cleanup() {
        sink?.helper.stop()
        receiver?.helper.stop()
        sandbox.cleanup()
    }

    /// The daemons' logs and the servers' stderr, for failure messages.
    var logs: String {
        sandbox.logs + "\n--- smtp sink stderr ---\n\(sink?.helper.stderr ?? "")\n--- receiver stderr ---\n\(receiver?.helper.stderr ?? "")"
    }

    // MARK: - Deliveries

    /// `GET /v1/incidents/{id}/deliveries` over the socket.
    func deliveries(_ id: String = NotifySandbox.first) async throws -> [DeliveryDTO] {
        try await sandbox.call { try $0.deliveries(id) }.deliveries
    }

    /// Polls the deliveries of `id` until `until` holds; returns them.
    @discardableResult
    func waitForDeliveries(
        _ what: String, of id: String = NotifySandbox.first, timeout: Duration = .seconds(10),
        until: @escaping ([DeliveryDTO]) -> Bool
    ) async throws -> [DeliveryDTO] {
        do {
            return try await eventually(what, timeout: timeout, interval: .milliseconds(50)) { () async throws -> [DeliveryDTO]? in
                let deliveries = try await self.deliveries(id)
                return until(deliveries) ? deliveries : nil
            }
        } catch let error as HarnessError {
            let shown = (try? await deliveries(id)).map(Self.describe) ?? "(cannot list them)"
            throw HarnessError("\(error.description)\ndeliveries of \(id):\n\(shown)\n\(logs)")
        }
    }

    /// Waits until the outbox has nothing left to send — `oncalld_deliveries{status="pending"}` is 0 in
    /// `/metrics`, every message delivered or dead — and returns the metrics text. Every message goes
    /// through the outbox and stays pending until its attempt is recorded, so from then on nothing more
    /// can be sent, and an absence (no fifth attempt, no duplicate) checked afterwards means something.
    @discardableResult
    func waitUntilOutboxSettled(_ what: String = "the outbox to settle (no message pending)", timeout: Duration = .seconds(10)) async throws -> String {
        do {
            return try await eventually(what, timeout: timeout) { () async throws -> String? in
                let metrics = try await self.sandbox.request("GET", "/metrics").text
                return metricValue("oncalld_deliveries", label: "status", "pending", in: metrics) == 0 ? metrics : nil
            }
        } catch let error as HarnessError {
            throw HarnessError("\(error.description)\n\(logs)")
        }
    }

    /// One line per delivery and attempt, for failure messages.
    static func describe(_ deliveries: [DeliveryDTO]) -> String {
        deliveries.map { delivery in
            let attempts = delivery.attempts.map { "    #\($0.number) \($0.result): \($0.detail)" }
            return (["  \(delivery.channel) → \(delivery.target) [\(delivery.purpose)] \(delivery.status) id=\(delivery.id)"] + attempts)
                .joined(separator: "\n")
        }.joined(separator: "\n")
    }

    // MARK: - Plain HTTP

    /// One request to any URL (e.g. an action link), with exactly the headers given: no bearer token.
    func http(_ method: String, _ url: String, headers: [(String, String)] = [], body: Data? = nil) async throws -> CurlResponse {
        let request = CurlRequest(
            method: method, url: url, headers: headers, body: body, timeout: .seconds(10), connectTimeout: .seconds(5))
        return try await performDetached(request)
    }
}

/// The value of the sample of `name` whose labels include `label="value"` in Prometheus text.
func metricValue(_ name: String, label: String, _ value: String, in text: String) -> Double? {
    for line in text.split(separator: "\n") where line.hasPrefix(name + "{") && line.contains("\(label)=\"\(value)\"") {
        if let number = line.split(separator: " ").last.flatMap({ Double($0) }) { return number }
    }
    return nil
}
