import Foundation
import OncallAPI
import Testing

/// Issue tests 2 and 3: what was answered survives SIGKILL, and a timer due while the daemon
/// was down fires exactly once after the restart.
extension EndToEnd {
@Suite("Crash recovery: SIGKILL and restart on the same state directory")
struct CrashRecoveryTests {
    @Test("an incident answered just before SIGKILL is there, with its timeline, after a restart")
    func reportSurvivesSIGKILL() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        try sandbox.writeConfig(sandbox.config())
        let first = try await sandbox.startDaemon()

        let reported = try await sandbox.ctl("report", [
            "--subject", "支付网关超时", "--organisation", "华北区", "--reporter", "王芳", "--scope", "part",
        ])
        first.send(SIGKILL)  // at once, before anything else can happen
        #expect(reported.status == 0, "\(reported)\n\(sandbox.logs)")
        #expect(reported.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "INC-000001")
        let ended = try await first.waitForExit(timeout: .seconds(5))
        #expect(ended.signalled && ended.status == SIGKILL)

        _ = try await sandbox.startDaemon()
        let incident = try await sandbox.show("INC-000001")
        #expect(incident.subject == "支付网关超时")
        #expect(incident.level == 2)
        #expect(incident.state == "reported")
        let timeline = try #require(incident.timeline)
        #expect(timeline.map(\.kind) == ["reported"], "timeline after restart: \(timeline)")
        #expect(try await sandbox.incidents().count == 1)

        // Numbering continues after the crash instead of reusing 1.
        let next = try await sandbox.report(sampleReport("after the crash"))
        #expect(next.id == "INC-000002")
    }

    @Test("a 2 s escalation timer that came due while the daemon was down fires exactly once after restart")
    func overdueTimerFiresOnceAfterRestart() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        try sandbox.writeConfig(sandbox.config(emergencyAfter: "2s"))
        let first = try await sandbox.startDaemon()

        let incident = try await sandbox.report(sampleReport("escalates while the daemon is down"))
        first.send(SIGKILL)
        try await first.waitForExit(timeout: .seconds(5))
        #expect(incident.state == "reported")

        // The timer comes due (2 s after the report the daemon recorded) while nothing runs.
        let dueAt = incident.reportedAt.addingTimeInterval(2)
        _ = try await eventually("the escalation timer's due time \(dueAt) to pass", timeout: .seconds(5)) {
            Date() > dueAt.addingTimeInterval(0.2) ? true : nil
        }
        let second = try await sandbox.startDaemon()

        let escalated = try await eventually("INC-000001 to be escalated after the restart", timeout: .seconds(10)) {
            let shown = try await sandbox.show(incident.id)
            return shown.state == "escalated" ? shown : nil
        }
        let escalations = (escalated.timeline ?? []).filter { $0.kind == "escalated" }
        #expect(escalations.count == 1, "timeline: \(escalated.timeline ?? [])")
        #expect(escalations.first?.actor == "oncalld")
        #expect(escalations.first?.details["trigger"] == "timer")
        #expect(escalated.escalatedAt != nil)
        let metrics = try await sandbox.request("GET", "/metrics")
        // The escalation fired once in this process; what stays pending is the chain's 5-minute reminder only.
        #expect(metrics.text.contains("oncalld_timers_fired_total{kind=\"emergency_escalation\"} 1"), "\(metrics.text)")
        #expect(metricValue("oncalld_timers_pending", in: metrics.text) == 1, "only the reminder is pending:\n\(metrics.text)")

        // Once more: a restart must not fire it again.
        let stopped = try await second.stop()
        #expect(stopped.status == 0 && !stopped.signalled, "SIGTERM should stop oncalld with status 0\n\(sandbox.logs)")
        _ = try await sandbox.startDaemon()
        // A (wrong) second firing at start-up would be of a timer already due; a marker incident reported
        // now escalates 2 s later from the same engine, which fires in due order: once it has, the
        // start-up firing would have happened, and this process has fired exactly one escalation.
        let marker = try await sandbox.report(sampleReport("marker after the second restart"))
        _ = try await eventually("the marker \(marker.id) to be escalated", timeout: .seconds(10)) {
            try await sandbox.show(marker.id).state == "escalated" ? true : nil
        }
        let thirdMetrics = try await sandbox.request("GET", "/metrics")
        #expect(thirdMetrics.text.contains("oncalld_timers_fired_total{kind=\"emergency_escalation\"} 1"),
                "only the marker's escalation fired after the second restart:\n\(thirdMetrics.text)")
        let again = try await sandbox.show(incident.id)
        #expect(again.state == "escalated")
        #expect((again.timeline ?? []).filter { $0.kind == "escalated" }.count == 1, "timeline: \(again.timeline ?? [])")
        #expect(again.timeline?.count == 2, "reported + escalated only: \(again.timeline ?? [])")
    }

    @Test("oncallctl report rides out a daemon restart: it retries with the same key and one incident results")
    func reportRetriesAcrossRestart() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        try sandbox.writeConfig(sandbox.config())
        let first = try await sandbox.startDaemon()
        _ = try await sandbox.report(sampleReport("before the crash"))
        try await first.kill()
        #expect(FileManager.default.fileExists(atPath: sandbox.socketPath), "SIGKILL leaves the socket file behind")

        async let reported = sandbox.ctl("report", ["--subject", "during the restart", "--organisation", "o", "--reporter", "r"])
        try await Task.sleep(for: .milliseconds(200))
        _ = try await sandbox.startDaemon()
        let result = try await reported
        #expect(result.status == 0, "\(result)\n\(sandbox.logs)")
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "INC-000002", "\(result)")
        let subjects = try await sandbox.incidents().map(\.subject).sorted()
        #expect(subjects == ["before the crash", "during the restart"])
    }
}
}
