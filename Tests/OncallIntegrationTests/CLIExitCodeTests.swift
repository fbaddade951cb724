import Foundation
import OncallClient
import Testing

/// Issue test 11: oncallctl's exit statuses (0 ok, 1 refused, 64 usage, 69 unreachable).
extension EndToEnd {
@Suite("oncallctl exit statuses")
struct CLIExitCodeTests {
    @Test("69 when the socket does not exist, and stderr names the socket")
    func unreachable() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let missing = directory.path + "/missing.sock"
        for arguments in [["list"], ["show", "INC-000001"], ["report", "--subject", "s", "--organisation", "o", "--reporter", "r"]] {
            let result = try await oncallctl([arguments[0], "--socket", missing] + arguments.dropFirst())
            #expect(result.status == 69 && !result.signalled, "\(arguments): \(result)")
            #expect(result.stderr.contains(missing), "\(arguments): stderr should name \(missing): \(result.stderr)")
            #expect(result.stdout.isEmpty, "\(arguments): \(result)")
        }
    }

    @Test("1 for ack of a resolved incident, with the daemon's message on stderr")
    func refusedByTheDaemon() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        try sandbox.writeConfig(sandbox.config())
        _ = try await sandbox.startDaemon()
        let incident = try await sandbox.report(sampleReport("fixed already"))
        let resolved = try await sandbox.ctl("resolve", [incident.id, "--summary", "重启了服务"])
        #expect(resolved.status == 0, "\(resolved)")

        let ack = try await sandbox.ctl("ack", [incident.id])
        #expect(ack.status == 1 && !ack.signalled, "\(ack)")
        // What the daemon says about the same request.
        let response = try await sandbox.request("POST", "/v1/incidents/\(incident.id)/ack")
        #expect(response.status == 409, "\(response.text)")
        let message = try #require(response.apiError?.message, "\(response.text)")
        #expect(ack.stderr.contains(message), "stderr \(ack.stderr) lacks the daemon's message '\(message)'")
        #expect(try await sandbox.show(incident.id).state == "resolved")
    }

    @Test("64 for report without a subject when stdin is not a terminal, and for escalate without --reason")
    func usageErrors() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        try sandbox.writeConfig(sandbox.config())
        _ = try await sandbox.startDaemon()

        let report = try await sandbox.ctl("report", ["--organisation", "华东区", "--reporter", "张伟"])
        #expect(report.status == 64 && !report.signalled, "\(report)")
        #expect(report.stderr.contains("--subject"), "stderr should name the missing option: \(report.stderr)")
        #expect(try await sandbox.incidents().isEmpty, "a usage error must not report anything")

        let incident = try await sandbox.report(sampleReport("to be escalated"))
        let escalate = try await sandbox.ctl("escalate", [incident.id])
        #expect(escalate.status == 64 && !escalate.signalled, "\(escalate)")
        #expect(escalate.stderr.contains("--reason"), "stderr: \(escalate.stderr)")
        #expect(try await sandbox.show(incident.id).state == "reported")

        // And the same command with --reason works (0), so the 64 above was about the missing option.
        let escalated = try await sandbox.ctl("escalate", [incident.id, "--reason", "客户要求升级"])
        #expect(escalated.status == 0, "\(escalated)")
        #expect(try await sandbox.show(incident.id).state == "escalated")
    }
}
}
