import Foundation
import OncallAPI
import Testing

/// Issue test 9: SIGHUP reloads the config; a broken file keeps the old one.
extension EndToEnd {
@Suite("Configuration reload on SIGHUP")
struct ReloadTests {
    @Test("a broken file is refused and the daemon keeps serving; a second token added by reload works")
    func reload() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        try sandbox.writeConfig(sandbox.config())
        let daemon = try await sandbox.startDaemon()

        let opsToken = "ops-" + UUID().uuidString.lowercased()
        let opsTokenPath = sandbox.path + "/ops.token"
        try sandbox.write(opsToken, to: opsTokenPath)
        #expect(try await sandbox.tcp("GET", "/healthz", token: opsToken).status == 401, "ops is not configured yet")

        // 1. A syntax error: refused, old configuration kept.
        try sandbox.writeConfig(sandbox.config(extraTokens: [("ops", opsTokenPath)]) + "http: [unclosed\n")
        // A reload is over when the daemon says READY=1 again after RELOADING=1 on its NOTIFY_SOCKET.
        let ready = try #require(daemon.notify.index(of: "READY=1"), "the daemon was ready: \(daemon.notify.received)")
        daemon.send(SIGHUP)
        let refusing = try await daemon.notify.waitFor("RELOADING=1", skipping: ready + 1)
        let refused = try await daemon.notify.waitFor("READY=1", skipping: refusing + 1)
        #expect(daemon.notify.received[refusing...refused].contains { $0.contains("STATUS=reload failed") },
                "systemctl status says the reload failed: \(daemon.notify.received)")
        let refusal = daemon.log.split(separator: "\n").first { $0.contains("reload refused") } ?? ""
        #expect(refusal.contains("syntax"), "the refusal should say why: \(refusal)")
        #expect(daemon.isRunning, "\(sandbox.logs)")
        #expect(try await sandbox.call { try $0.health() })
        #expect(try await sandbox.tcp("GET", "/healthz", token: sandbox.token).status == 200)
        #expect(try await sandbox.tcp("GET", "/healthz", token: opsToken).status == 401, "the refused file must not apply")

        // 2. A valid file with a second token: applies without a restart.
        try sandbox.writeConfig(sandbox.config(extraTokens: [("ops", opsTokenPath)]))
        daemon.send(SIGHUP)
        let reloading = try await daemon.notify.waitFor("RELOADING=1", skipping: refused + 1)
        try await daemon.notify.waitFor("READY=1", skipping: reloading + 1)
        // Ready again: the new token works at once.
        #expect(try await sandbox.tcp("GET", "/healthz", token: opsToken).status == 200, "\(sandbox.logs)")
        #expect(try await sandbox.tcp("GET", "/healthz", token: sandbox.token).status == 200, "the ci token still works")
        let body = try APIDates.encoder.encode(sampleReport("reported with the reloaded token"))
        let created = try await sandbox.tcp("POST", "/v1/incidents", token: opsToken, body: body)
        #expect(created.status == 201, "\(created.text)")
        #expect(try created.decode(IncidentDTO.self).reportedBy == "token:ops")
        #expect(daemon.log.contains("configuration reloaded"), "\(daemon.log)")
        #expect(daemon.isRunning)
    }
}
}
