import Foundation
import OncallAPI
import Testing

/// Issue test 1: `oncallctl report` through the real socket, then `show --json`.
extension EndToEnd {
@Suite("oncallctl report and show through the real socket")
struct ReportThroughCLITests {
    @Test("report answers INC-000001 at once; show --json has every field, the timeline, and the Chinese text byte for byte")
    func reportAndShowRoundTrip() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        try sandbox.writeConfig(sandbox.config())
        let daemon = try await sandbox.startDaemon()

        // Precomposed and decomposed é, a full-width comma, an emoji with a ZWJ: none may be normalised.
        let subject = "数据库主库宕机，全部业务中断"
        let organisation = "华东区客服中心（上海）"
        let reporter = "张伟"
        let description = "核心交易系统无法登录；用户看到“502”错误。Café vs Cafe\u{301} 👩‍💻"

        let started = ContinuousClock.now
        let reported = try await sandbox.ctl("report", [
            "--subject", subject, "--organisation", organisation, "--reporter", reporter,
            "--description", description, "--scope", "most", "--outage-started", "-5m",
        ])
        let elapsed = ContinuousClock.now - started
        #expect(reported.status == 0, "\(reported)\n\(sandbox.logs)")
        #expect(reported.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "INC-000001", "\(reported)")
        #expect(elapsed < .seconds(3), "report took \(elapsed); it should answer as soon as the report is durable")

        let shown = try await sandbox.ctl("show", ["INC-000001", "--json"])
        #expect(shown.status == 0, "\(shown)")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any], "show --json printed: \(shown.stdout)")
        for key in ["id", "level", "state", "subject", "organisation", "reporter", "description", "scope", "outage_started", "timeline"] {
            #expect(json[key] != nil, "show --json lacks '\(key)': \(shown.stdout)")
        }
        let incident = try APIDates.decoder.decode(IncidentDTO.self, from: Data(shown.stdout.utf8))
        #expect(incident.id == "INC-000001")
        #expect(incident.number == 1)
        #expect(incident.state == "reported")
        #expect(incident.level == 1, "scope 'most' is level 1")
        #expect(incident.scope == .most)
        #expect(incident.outageStarted.map { abs($0.timeIntervalSinceNow + 5 * 60) < 30 } == true, "outage_started: \(String(describing: incident.outageStarted))")
        // Compare bytes, not Strings: Swift's == treats canonically equivalent text as equal.
        #expect(Array(incident.subject.utf8) == Array(subject.utf8))
        #expect(Array(incident.organisation.utf8) == Array(organisation.utf8))
        #expect(Array(incident.reporter.utf8) == Array(reporter.utf8))
        #expect(Array((incident.description ?? "").utf8) == Array(description.utf8))
        #expect(incident.reportedBy.hasPrefix("unix:"), "a socket caller is recorded as unix:<login>, got \(incident.reportedBy)")
        let timeline = try #require(incident.timeline)
        #expect(timeline.first?.kind == "reported", "timeline: \(timeline)")
        #expect(timeline.first?.actor == incident.reportedBy)

        // The same incident over the API: the CLI printed what the daemon stored.
        let viaAPI = try await sandbox.show("1")
        #expect(Array((viaAPI.description ?? "").utf8) == Array(description.utf8))
        #expect(daemon.isRunning)
    }

    @Test("no scope and an outage that began 30 minutes ago is level 2; outage_started is shown")
    func outageDurationDecidesTheLevel() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        try sandbox.writeConfig(sandbox.config())
        _ = try await sandbox.startDaemon()

        let before = Date()
        let reported = try await sandbox.ctl("report", [
            "--subject", "部分用户无法下单", "--organisation", "华南区", "--reporter", "李娜", "--outage-started", "-30m",
        ])
        #expect(reported.status == 0, "\(reported)\n\(sandbox.logs)")
        let id = reported.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(id == "INC-000001")

        let shown = try await sandbox.ctl("show", [id, "--json"])
        #expect(shown.status == 0, "\(shown)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        #expect(json["outage_started"] is String, "show --json lacks outage_started: \(shown.stdout)")
        let incident = try APIDates.decoder.decode(IncidentDTO.self, from: Data(shown.stdout.utf8))
        #expect(incident.level == 2, "a 30-minute outage is longer than level2_after (20m) and shorter than level1_after (60m)")
        #expect(incident.scope == nil)
        let outageStarted = try #require(incident.outageStarted)
        #expect(abs(outageStarted.timeIntervalSince(before) + 30 * 60) < 5, "outage_started \(outageStarted) is not 30 minutes before \(before)")
        #expect(incident.timeline?.first?.kind == "reported")
    }

    @Test("the socket may be given before the subcommand (oncallctl --socket PATH report …) or by $ONCALLD_SOCKET")
    func socketOptionPlacement() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        try sandbox.writeConfig(sandbox.config())
        _ = try await sandbox.startDaemon()

        let fromEnvironment = try await oncallctl(
            ["report", "--subject", "via the environment", "--organisation", "o", "--reporter", "r"],
            environment: ["ONCALLD_SOCKET": sandbox.socketPath])
        #expect(fromEnvironment.status == 0, "\(fromEnvironment)")
        #expect(fromEnvironment.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "INC-000001")

        // The form the issue documents: the global option first.
        let globalFirst = try await oncallctl(["--socket", sandbox.socketPath, "list"])
        #expect(globalFirst.status == 0, "oncallctl --socket PATH list: \(globalFirst)")
        let reportFirst = try await oncallctl(
            ["--socket", sandbox.socketPath, "report", "--subject", "global option first", "--organisation", "o", "--reporter", "r"])
        #expect(reportFirst.status == 0, "oncallctl --socket PATH report …: \(reportFirst)")
    }
}
}
