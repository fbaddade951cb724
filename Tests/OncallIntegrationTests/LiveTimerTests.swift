import Foundation
import OncallAPI
import Testing

/// Issue test 4: the escalation timer while the daemon runs.
extension EndToEnd {
@Suite("Live escalation timer (emergency_after: 2s)")
struct LiveTimerTests {
    @Test("unresolved and acknowledged incidents escalate about 5 s after the report; a resolved one never does")
    func escalationTimer() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        try sandbox.writeConfig(sandbox.config(emergencyAfter: "5s"))
        _ = try await sandbox.startDaemon()

        let start = ContinuousClock.now
        // In this order, so that the resolved incident's timer (had it kept one) is due before the last one's.
        let open = try await sandbox.report(sampleReport("left alone"))
        let resolved = try await sandbox.report(sampleReport("resolved within 2 s"))
        let acked = try await sandbox.report(sampleReport("acknowledged, still unresolved"))
        let afterAck = try await sandbox.call { try $0.ack(acked.id) }
        #expect(afterAck.state == "acknowledged")
        let afterResolve = try await sandbox.call { try $0.resolve(resolved.id, summary: "restarted the pool") }
        #expect(afterResolve.state == "resolved")
        // 5 s leaves room for a loaded CI machine to set up before the timer is due.
        #expect(ContinuousClock.now - start < .seconds(5), "setting up took too long for the test to mean anything")

        for incident in [open, acked] {
            let escalated = try await eventually("\(incident.id) to be escalated", timeout: .seconds(12) - (ContinuousClock.now - start)) {
                let shown = try await sandbox.show(incident.id)
                return shown.state == "escalated" ? shown : nil
            }
            let at = try #require(escalated.escalatedAt)
            let delay = at.timeIntervalSince(escalated.reportedAt)
            #expect(delay >= 5.0 && delay < 7.5, "\(incident.id) escalated \(delay) s after its report")
            let events = (escalated.timeline ?? []).filter { $0.kind == "escalated" }
            #expect(events.count == 1 && events.first?.actor == "oncalld", "timeline: \(escalated.timeline ?? [])")
        }

        // The timer engine fires in due order, and the resolved incident's timer (had it kept one) was due
        // before that of the acknowledged one, reported after it: now that that one has escalated, a wrong
        // escalation of the resolved incident would already be on its timeline.
        try #require(resolved.reportedAt <= acked.reportedAt, "the check below needs \(resolved.id) reported before \(acked.id)")
        let still = try await sandbox.show(resolved.id)
        #expect(still.state == "resolved")
        #expect(still.escalatedAt == nil)
        #expect(!(still.timeline ?? []).contains { $0.kind == "escalated" }, "timeline: \(still.timeline ?? [])")
        let acknowledged = try await sandbox.show(acked.id)
        #expect(acknowledged.acknowledgedAt != nil, "the acknowledgement is kept when the timer escalates")
    }

    @Test("an ongoing outage is relevelled 3 → 2 → 1 by the daemon; level 1 then goes to the emergency group at once")
    func ongoingOutageGetsWorse() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        try sandbox.writeConfig(sandbox.config(emergencyAfterByLevel: [1: "0s"], level2After: "3s", level1After: "6s"))
        _ = try await sandbox.startDaemon()

        let outageStarted = Date()
        let ongoing = try await sandbox.report(sampleReport("still down", outageStarted: outageStarted))
        let fixed = try await sandbox.report(sampleReport("fixed at once", outageStarted: outageStarted))
        #expect(ongoing.level == 3 && fixed.level == 3)
        _ = try await sandbox.call { try $0.resolve(fixed.id, summary: "cable replugged") }

        let escalated = try await eventually("\(ongoing.id) to reach level 1 and be escalated", timeout: .seconds(12)) {
            let shown = try await sandbox.show(ongoing.id)
            return shown.state == "escalated" ? shown : nil
        }
        #expect(escalated.level == 1)
        let timeline = escalated.timeline ?? []
        #expect(timeline.map(\.kind) == ["reported", "relevelled", "relevelled", "escalated"], "timeline: \(timeline)")
        #expect(timeline.dropFirst().allSatisfy { $0.actor == "oncalld" }, "timeline: \(timeline)")
        let relevels = timeline.filter { $0.kind == "relevelled" }.map { [$0.details["from_level"], $0.details["to_level"]] }
        #expect(relevels == [["3", "2"], ["2", "1"]], "timeline: \(timeline)")
        if let toLevel2 = timeline.first(where: { $0.details["to_level"] == "2" }) {
            let after = toLevel2.at.timeIntervalSince(outageStarted)
            #expect(after >= 2.99 && after < 5, "level 2 came \(after) s after the outage began (level2_after: 3s)")
        }
        let escalation = try #require(timeline.last)
        let reason = escalation.details["reason"] ?? ""
        // The escalation is due to the new level (emergency_after_by_level 1: 0s), not to emergency_after (10m).
        #expect(reason.contains("level 1"), "escalation reason '\(reason)' should say level 1 goes to the emergency group at once")

        let resolved = try await sandbox.show(fixed.id)
        #expect(resolved.level == 3 && resolved.state == "resolved", "a resolved outage stops getting worse")
        #expect(!(resolved.timeline ?? []).contains { $0.kind == "relevelled" || $0.kind == "escalated" })
    }
}
}
