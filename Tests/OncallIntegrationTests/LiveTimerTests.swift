import Foundation
import OncallAPI
import Testing

/// Issue test 4: the escalation timer while the daemon runs.
@Suite("Live escalation timer (emergency_after: 2s)")
struct LiveTimerTests {
    @Test("unresolved and acknowledged incidents escalate about 2 s after the report; a resolved one never does")
    func escalationTimer() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        try sandbox.writeConfig(sandbox.config(emergencyAfter: "2s"))
        _ = try await sandbox.startDaemon()

        let start = ContinuousClock.now
        let open = try await sandbox.report(sampleReport("left alone"))
        let acked = try await sandbox.report(sampleReport("acknowledged, still unresolved"))
        let resolved = try await sandbox.report(sampleReport("resolved within 2 s"))
        let afterAck = try await sandbox.call { try $0.ack(acked.id) }
        #expect(afterAck.state == "acknowledged")
        let afterResolve = try await sandbox.call { try $0.resolve(resolved.id, summary: "restarted the pool") }
        #expect(afterResolve.state == "resolved")
        #expect(ContinuousClock.now - start < .seconds(2), "setting up took too long for the test to mean anything")

        for incident in [open, acked] {
            let escalated = try await eventually("\(incident.id) to be escalated", timeout: .seconds(6) - (ContinuousClock.now - start)) {
                let shown = try await sandbox.show(incident.id)
                return shown.state == "escalated" ? shown : nil
            }
            let at = try #require(escalated.escalatedAt)
            let delay = at.timeIntervalSince(escalated.reportedAt)
            #expect(delay >= 2.0 && delay < 3.5, "\(incident.id) escalated \(delay) s after its report")
            let events = (escalated.timeline ?? []).filter { $0.kind == "escalated" }
            #expect(events.count == 1 && events.first?.actor == "oncalld", "timeline: \(escalated.timeline ?? [])")
        }

        try await sleep(until: start + .seconds(3))
        let still = try await sandbox.show(resolved.id)
        #expect(still.state == "resolved")
        #expect(still.escalatedAt == nil)
        #expect(!(still.timeline ?? []).contains { $0.kind == "escalated" }, "timeline: \(still.timeline ?? [])")
        let acknowledged = try await sandbox.show(acked.id)
        #expect(acknowledged.acknowledgedAt != nil, "the acknowledgement is kept when the timer escalates")
    }
}
