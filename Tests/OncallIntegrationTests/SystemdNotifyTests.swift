import Foundation
import Testing

/// Issue test 5: sd_notify to a NOTIFY_SOCKET of our own.
@Suite("systemd notifications")
struct SystemdNotifyTests {
    @Test("READY=1 after start, STOPPING=1 after SIGTERM, then exit 0")
    func readyAndStopping() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        try sandbox.writeConfig(sandbox.config())
        let notify = try NotifySocket(path: sandbox.path + "/notify.sock")

        let daemon = try await sandbox.startDaemon(environment: ["NOTIFY_SOCKET": notify.path], waitUntilReady: false)
        try await notify.waitFor("READY=1")
        // READY=1 means serving: the socket answers at once.
        #expect(try await sandbox.call { try $0.health() }, "\(sandbox.logs)")
        #expect(!notify.received.contains { NotifySocket.lines($0).contains("STOPPING=1") })

        daemon.send(SIGTERM)
        try await notify.waitFor("STOPPING=1")
        let ended = try await daemon.waitForExit()
        #expect(!ended.signalled && ended.status == 0, "oncalld ended with \(ended)\n\(sandbox.logs)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.socketPath), "a graceful stop removes the socket file")
        let messages = notify.received
        let ready = messages.firstIndex { NotifySocket.lines($0).contains("READY=1") }
        let stopping = messages.firstIndex { NotifySocket.lines($0).contains("STOPPING=1") }
        #expect(ready != nil && stopping != nil && ready! < stopping!, "messages: \(messages)")
    }
}
