import Foundation
import OncallAPI
import OncallClient
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Whether this machine lets the tests mount a tmpfs (root in a sandbox may still lack the capability).
private let tmpfsMountable: Bool = {
    guard getuid() == 0 else { return false }
    let probe = NSTemporaryDirectory() + "oncall-mount-probe-" + UUID().uuidString
    guard (try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)) != nil else { return false }
    defer { try? FileManager.default.removeItem(atPath: probe) }
    guard (try? EndToEnd.DiskFullTests.mount(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", probe])) != nil else { return false }
    try? EndToEnd.DiskFullTests.mount(["umount", probe])
    return true
}()

/// Issue 11: the state directory's disk fills up (a small tmpfs mounted for the test, which needs root).
extension EndToEnd {
@Suite("Disk full", .enabled(if: tmpfsMountable, "mounting a small tmpfs needs root (CAP_SYS_ADMIN)"))
struct DiskFullTests {
    static func mount(_ arguments: [String]) throws {
        let result = Process()
        result.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        result.arguments = arguments
        try result.run()
        result.waitUntilExit()
        guard result.terminationStatus == 0 else { throw HarnessError("\(arguments.joined(separator: " ")) failed") }
    }

    @Test("reports are refused with 507 storage_full and nothing answered is lost; space returns and so does the daemon")
    func diskFull() async throws {
        let sandbox = try Sandbox()
        try FileManager.default.createDirectory(atPath: sandbox.stateDir, withIntermediateDirectories: true)
        try Self.mount(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", sandbox.stateDir])
        defer {
            sandbox.cleanup()
            try? Self.mount(["umount", "-l", sandbox.stateDir])
            try? FileManager.default.removeItem(atPath: sandbox.path)
        }
        try sandbox.writeConfig(sandbox.config())
        let daemon = try await sandbox.startDaemon()

        var accepted: [IncidentDTO] = []
        var refusal: (status: Int, code: String, message: String)?
        let filler = String(repeating: "磁盘已满测试 disk full test. ", count: 2_000)  // ~60 KB of text per report
        for index in 0..<200 {
            var form = sampleReport("report \(index)")
            form.description = filler
            do {
                accepted.append(try await sandbox.report(form))
            } catch let ClientError.refused(status, body) {
                refusal = (status, body.error.code, body.error.message)
                break
            }
        }
        let refused = try #require(refusal, "2 MiB should not hold 200 reports of 60 KB")
        #expect(refused.status == 507 && refused.code == "storage_full", "\(refused)")
        #expect(refused.message.contains("disk is full"), "\(refused)")
        #expect(accepted.count >= 3, "the disk filled after \(accepted.count) reports")
        // Reads still work, and every accepted report is there.
        #expect(Set(try await sandbox.incidents().map(\.id)) == Set(accepted.map(\.id)))

        try Self.mount(["mount", "-o", "remount,size=64m", sandbox.stateDir])
        let after = try await eventually("a report to be accepted once space returns", timeout: .seconds(10)) {
            try? await sandbox.report(sampleReport("after space returned"))
        }
        try await daemon.stop()
        _ = try await sandbox.startDaemon()
        let stored = try await sandbox.incidents()
        #expect(Set(stored.map(\.id)) == Set((accepted + [after]).map(\.id)), "each accepted report exactly once, nothing else")
        #expect(stored.count == accepted.count + 1)
    }
}
}
