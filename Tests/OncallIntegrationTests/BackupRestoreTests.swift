import Foundation
import OncallAPI
import Testing

/// Issue 11: `oncallctl backup FILE` while reports arrive, `oncalld --restore FILE` with the daemon stopped.
extension EndToEnd {
@Suite("Backup and restore")
struct BackupRestoreTests {
    @Test("an online backup taken during writes is one consistent snapshot, and restoring it brings it back")
    func roundTrip() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        try sandbox.writeConfig(sandbox.config())
        let daemon = try await sandbox.startDaemon()
        for index in 0..<20 { _ = try await sandbox.report(sampleReport("before the backup \(index)")) }

        let file = sandbox.path + "/copy.sqlite"
        // Reports keep arriving while the copy is taken.
        async let during: [IncidentDTO] = {
            var reported: [IncidentDTO] = []
            for index in 0..<10 { reported.append(try await sandbox.report(sampleReport("during the backup \(index)"))) }
            return reported
        }()
        let backup = try await sandbox.ctl("backup", [file])
        #expect(backup.status == 0, "\(backup)")
        #expect(backup.stdout.hasPrefix("\(file): "), "\(backup)")
        _ = try await during
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        let again = try await sandbox.ctl("backup", [file])
        #expect(again.status != 0 && again.stderr.contains("already exists"), "\(again)")
        let whileRunning = try await oncalldOnce(["--config", sandbox.configPath, "--restore", file])
        #expect(whileRunning.status == 73 && whileRunning.stderr.contains("another oncalld is running"), "\(whileRunning)")

        try await daemon.stop()
        let restored = try await oncalldOnce(["--config", sandbox.configPath, "--restore", file])
        #expect(restored.status == 0, "\(restored)")
        #expect(restored.stdout.contains("the database before is kept as"), "\(restored)")

        _ = try await sandbox.startDaemon()
        let incidents = try await sandbox.incidents()
        // A snapshot: everything before the backup began, and of the rest a prefix, nothing torn.
        let numbers = incidents.map(\.number).sorted()
        #expect(numbers.count >= 20 && numbers.count <= 30, "\(numbers)")
        #expect(numbers == Array(1...Int64(numbers.count)), "\(numbers)")
        for incident in incidents {
            #expect(try await sandbox.show(incident.id).timeline?.first?.kind == "reported")
        }
        #expect(try await sandbox.report(sampleReport("after the restore")).number == Int64(numbers.count + 1))
    }

    @Test("a file that is not an oncalld backup is refused and the database stays")
    func refusesAForeignFile() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        try sandbox.writeConfig(sandbox.config())
        let daemon = try await sandbox.startDaemon()
        let kept = try await sandbox.report(sampleReport("kept"))
        try await daemon.stop()
        let junk = sandbox.path + "/junk.sqlite"
        try sandbox.write("this is not a database\n", to: junk)
        let refused = try await oncalldOnce(["--config", sandbox.configPath, "--restore", junk])
        #expect(refused.status == 73 && refused.stderr.contains("cannot restore"), "\(refused)")
        _ = try await sandbox.startDaemon()
        #expect(try await sandbox.incidents().map(\.id) == [kept.id])
    }
}
}
