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
        daemon.send(SIGHUP)
        _ = try await eventually("'reload refused' in the log") { daemon.log.contains("reload refused") ? true : nil }
        let refusal = daemon.log.split(separator: "\n").first { $0.contains("reload refused") } ?? ""
        #expect(refusal.contains("syntax"), "the refusal should say why: \(refusal)")
        #expect(daemon.isRunning, "\(sandbox.logs)")
        #expect(try await sandbox.call { try $0.health() })
        #expect(try await sandbox.tcp("GET", "/healthz", token: sandbox.token).status == 200)
        #expect(try await sandbox.tcp("GET", "/healthz", token: opsToken).status == 401, "the refused file must not apply")

        // 2. A valid file with a second token: applies without a restart.
        try sandbox.writeConfig(sandbox.config(extraTokens: [("ops", opsTokenPath)]))
        daemon.send(SIGHUP)
        let status = try await eventually("the ops token to be accepted after reload") { () -> Int? in
            let response = try await sandbox.tcp("GET", "/healthz", token: opsToken)
            return response.status == 200 ? response.status : nil
        }
        #expect(status == 200)
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
