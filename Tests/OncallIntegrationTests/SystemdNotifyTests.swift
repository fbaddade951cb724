import Foundation
import Testing

/// Issue test 5: sd_notify to a NOTIFY_SOCKET of our own.
extension EndToEnd {
@Suite("systemd notifications")
struct SystemdNotifyTests {
    @Test("READY=1 after start; RELOADING=1 then READY=1 on SIGHUP; STOPPING=1 after SIGTERM, then exit 0")
    func readyReloadingStopping() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        try sandbox.writeConfig(sandbox.config())
        // Every daemon the harness starts has its own NOTIFY_SOCKET; read it here without the harness's wait.
        let daemon = try await sandbox.startDaemon(waitUntilReady: false)
        let notify = daemon.notify
        let ready = try await notify.waitFor("READY=1")
        // READY=1 means serving: both listeners answer at once.
        #expect(try await sandbox.call { try $0.health() }, "\(sandbox.logs)")
        #expect(try await sandbox.tcp("GET", "/healthz", token: sandbox.token).status == 200)
        #expect(notify.index(of: "STOPPING=1") == nil, "messages: \(notify.received)")

        // Type=notify-reload: RELOADING=1 with MONOTONIC_USEC, then READY=1 again.
        daemon.send(SIGHUP)
        let reloading = try await notify.waitFor("RELOADING=1", skipping: ready + 1)
        #expect(notify.received[reloading].contains("MONOTONIC_USEC="), "messages: \(notify.received)")
        try await notify.waitFor("READY=1", skipping: reloading + 1)

        daemon.send(SIGTERM)
        let stopping = try await notify.waitFor("STOPPING=1")
        #expect(stopping > reloading, "messages: \(notify.received)")
        let ended = try await daemon.waitForExit()
        #expect(!ended.signalled && ended.status == 0, "oncalld ended with \(ended)\n\(sandbox.logs)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.socketPath), "a graceful stop removes the socket file")
    }
}
}
