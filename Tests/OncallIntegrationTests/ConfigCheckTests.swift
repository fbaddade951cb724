import Foundation
import Testing

/// Issue test 6: a typo'd key is refused with its line, by --check-config and by a real start.
extension EndToEnd {
@Suite("Configuration errors")
struct ConfigCheckTests {
    @Test("'escalaton:' is refused with exit 78 and FILE:LINE:COL: escalaton on stderr, by --check-config and by a start")
    func typoedKeyIsRefused() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        let good = sandbox.config()
        try sandbox.writeConfig(good)
        let valid = try await oncalldOnce(["--check-config", "--config", sandbox.configPath])
        #expect(valid.status == 0 && !valid.signalled, "the untouched config must be valid: \(valid)")

        var lines = good.components(separatedBy: "\n")
        let index = try #require(lines.firstIndex(of: "escalation:"))
        lines[index] = "escalaton:"
        let line = index + 1
        try sandbox.writeConfig(lines.joined(separator: "\n"))

        let checked = try await oncalldOnce(["--check-config", "--config", sandbox.configPath])
        #expect(checked.status == 78 && !checked.signalled, "\(checked)")
        #expect(checked.stderr.contains("oncalld: \(sandbox.configPath):\(line):1: escalaton:"), "stderr: \(checked.stderr)")
        #expect(checked.stderr.contains("'escalation'"), "the message should suggest the right key: \(checked.stderr)")
        #expect(!checked.stdout.contains("valid"), "stdout: \(checked.stdout)")

        let started = try await oncalldOnce(["--config", sandbox.configPath])
        #expect(started.status == 78 && !started.signalled, "\(started)")
        #expect(started.stderr.contains("\(sandbox.configPath):\(line):"), "stderr: \(started.stderr)")
        #expect(started.stderr.contains("escalaton"), "stderr: \(started.stderr)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.socketPath), "a refused config must not bind the socket")
    }
}
}
