import Foundation
import OncallCore
import OncallTesting
import Testing

@Suite("Incident lifecycle")
struct IncidentLifecycleTests {
    let policy = IncidentPolicy()
    let id = IncidentNumber(7)

    func opened(_ form: ReportForm = .fixture(), policy: IncidentPolicy = IncidentPolicy(), now: Date = t0) throws -> IncidentChange {
        try IncidentLifecycle.open(form, id: id, actor: "unix:alice", policy: policy, now: now)
    }

    func incident(in state: IncidentState, acknowledged: Bool = false) throws -> Incident {
        var incident = try opened().incident
        incident.state = state
        if acknowledged { incident.acknowledgedAt = t0 }
        return incident
    }

    // MARK: - Report

    @Test("a report starts the 10-minute emergency timer and records who reported it")
    func reportStartsTimer() throws {
        let change = try opened()
        #expect(change.incident.state == .reported)
        #expect(change.incident.level == .level3)
        #expect(change.incident.reportedBy == "unix:alice")
        #expect(change.timers == [.schedule(.emergencyEscalation, dueAt: t0.adding(.minutes(10)))])
        #expect(change.events.map(\.kind) == [.reported])
    }

    @Test("level 1 goes to the emergency group at once when configured so")
    func levelOneAtOnce() throws {
        let policy = IncidentPolicy(escalation: EscalationPolicy(emergencyAfterByLevel: [.level1: .zero]))
        let change = try opened(.fixture(scope: .most), policy: policy)
        #expect(change.incident.level == .level1)
        #expect(change.timers == [.schedule(.emergencyEscalation, dueAt: t0)])
    }

    @Test("an ongoing outage gets re-levelling timers at 20 and 60 minutes from its start")
    func ongoingOutageTimers() throws {
        let started = t0.adding(.seconds(-300))
        let change = try opened(.fixture(outageStarted: started))
        #expect(change.incident.level == .level3)
        #expect(change.timers == [
            .schedule(.emergencyEscalation, dueAt: t0.adding(.minutes(10))),
            .schedule(.relevelLevel2, dueAt: started.adding(.minutes(20))),
            .schedule(.relevelLevel1, dueAt: started.adding(.minutes(60))),
        ])
    }

    @Test("an outage already 30 minutes old is level 2 and only waits for 60 minutes")
    func oldOutage() throws {
        let started = t0.adding(.minutes(-30))
        let change = try opened(.fixture(outageStarted: started))
        #expect(change.incident.level == .level2)
        #expect(change.timers.contains(.schedule(.relevelLevel1, dueAt: started.adding(.minutes(60)))))
        #expect(!change.timers.contains { if case .schedule(.relevelLevel2, _) = $0 { true } else { false } })
    }

    @Test("an outage that has ended is classified by its length and not re-levelled")
    func endedOutage() throws {
        let change = try opened(.fixture(outageStarted: t0.adding(.minutes(-90)), outageEnded: t0.adding(.minutes(-20))))
        #expect(change.incident.level == .level1)
        #expect(change.timers.count == 1)
    }

    @Test("bad reports are refused with the field named", arguments: [
        (ReportForm.fixture(subject: "  "), "subject"),
        (ReportForm.fixture(organisation: ""), "organisation"),
        (ReportForm.fixture(reporter: "\n"), "reporter"),
        (ReportForm.fixture(outageStarted: t0.adding(.minutes(10))), "outage_started"),
        (ReportForm.fixture(outageEnded: t0), "outage_ended"),
        (ReportForm.fixture(outageStarted: t0.adding(.minutes(-5)), outageEnded: t0.adding(.minutes(-10))), "outage_ended"),
    ])
    func badReports(form: ReportForm, field: String) {
        #expect {
            try IncidentLifecycle.open(form, id: id, actor: "a", policy: policy, now: t0)
        } throws: { error in
            guard case let .invalidField(name, _) = error as? LifecycleError else { return false }
            return name == field
        }
    }

    // MARK: - State machine

    static let legal: [(IncidentState, IncidentCommand, IncidentState)] = [
        (.reported, .acknowledge, .acknowledged),
        (.reported, .escalate(reason: "db down"), .escalated),
        (.reported, .resolve(summary: "restarted"), .resolved),
        (.acknowledged, .escalate(reason: "needs vendor"), .escalated),
        (.acknowledged, .resolve(summary: "fixed"), .resolved),
        (.escalated, .acknowledge, .escalated),
        (.escalated, .resolve(summary: "fixed"), .resolved),
        (.resolved, .close, .closed),
        (.reported, .addNote("looking"), .reported),
        (.closed, .addNote("follow-up"), .closed),
    ]

    @Test("legal moves", arguments: legal)
    func legalMoves(from: IncidentState, command: IncidentCommand, to: IncidentState) throws {
        let change = try IncidentLifecycle.apply(command, to: incident(in: from), actor: "unix:bob", policy: policy, now: t0.adding(.minutes(1)))
        #expect(change.incident.state == to)
        #expect(change.events.count == 1)
        #expect(change.events.first?.actor == "unix:bob")
    }

    static let illegal: [(IncidentState, IncidentCommand)] = [
        (.acknowledged, .acknowledge),
        (.resolved, .acknowledge),
        (.closed, .acknowledge),
        (.escalated, .escalate(reason: "again")),
        (.resolved, .escalate(reason: "late")),
        (.closed, .escalate(reason: "late")),
        (.resolved, .resolve(summary: "again")),
        (.closed, .resolve(summary: "again")),
        (.reported, .close),
        (.acknowledged, .close),
        (.escalated, .close),
        (.closed, .close),
    ]

    @Test("illegal moves are refused with a clear error", arguments: illegal)
    func illegalMoves(from: IncidentState, command: IncidentCommand) throws {
        let incident = try incident(in: from, acknowledged: from == .acknowledged)
        #expect {
            try IncidentLifecycle.apply(command, to: incident, actor: "unix:bob", policy: policy, now: t0)
        } throws: { error in
            guard let error = error as? LifecycleError, case .illegalTransition = error else { return false }
            return error.description.hasPrefix("INC-000007 is \(from.rawValue) and cannot be")
        }
    }

    @Test("an escalated incident that was acknowledged before cannot be acknowledged again")
    func escalatedAcknowledgedTwice() throws {
        #expect(throws: LifecycleError.self) {
            try IncidentLifecycle.apply(.acknowledge, to: incident(in: .escalated, acknowledged: true), actor: "b", policy: policy, now: t0)
        }
    }

    @Test("acknowledging does not stop the escalation timer; resolving stops every timer")
    func timersOnCommands() throws {
        let ack = try IncidentLifecycle.apply(.acknowledge, to: incident(in: .reported), actor: "b", policy: policy, now: t0)
        #expect(ack.timers.isEmpty)
        let resolve = try IncidentLifecycle.apply(.resolve(summary: "ok"), to: incident(in: .acknowledged), actor: "b", policy: policy, now: t0)
        #expect(Set(resolve.timers.compactMap { if case let .cancel(kind) = $0 { kind } else { nil } }) == Set(TimerKind.allCases))
    }

    @Test("resolving ends an ongoing outage")
    func resolveEndsOutage() throws {
        var incident = try opened(.fixture(outageStarted: t0.adding(.minutes(-5)))).incident
        incident.state = .acknowledged
        let change = try IncidentLifecycle.apply(.resolve(summary: "ok"), to: incident, actor: "b", policy: policy, now: t0.adding(.minutes(3)))
        #expect(change.incident.form.outageEnded == t0.adding(.minutes(3)))
    }

    @Test("empty reasons, summaries and notes are refused", arguments: [
        IncidentCommand.escalate(reason: " "), .resolve(summary: ""), .addNote("\n"),
    ])
    func emptyText(command: IncidentCommand) throws {
        #expect(throws: LifecycleError.self) {
            try IncidentLifecycle.apply(command, to: incident(in: .reported), actor: "b", policy: policy, now: t0)
        }
    }

    // MARK: - Timers

    @Test("the emergency timer escalates reported and acknowledged incidents", arguments: [IncidentState.reported, .acknowledged])
    func emergencyTimerEscalates(state: IncidentState) throws {
        let timer = DueTimer(incident: id, kind: .emergencyEscalation, dueAt: t0.adding(.minutes(10)))
        let change = IncidentLifecycle.fire(timer, on: try incident(in: state), policy: policy, now: t0.adding(.minutes(10)))
        #expect(change.incident.state == .escalated)
        #expect(change.incident.escalatedAt == t0.adding(.minutes(10)))
        #expect(change.events.first?.actor == IncidentLifecycle.daemonActor)
        #expect(change.events.first?.details["reason"] == "not resolved within 10m of the report")
    }

    @Test("a timer whose purpose has passed changes nothing", arguments: [IncidentState.escalated, .resolved, .closed])
    func staleEmergencyTimer(state: IncidentState) throws {
        let before = try incident(in: state)
        let change = IncidentLifecycle.fire(
            DueTimer(incident: id, kind: .emergencyEscalation, dueAt: t0), on: before, policy: policy, now: t0.adding(.minutes(10)))
        #expect(change == IncidentChange(incident: before))
    }

    @Test("an ongoing outage is re-levelled 3 → 2 → 1, and never downwards")
    func relevelling() throws {
        let started = t0
        var incident = try opened(.fixture(outageStarted: started)).incident
        let to2 = IncidentLifecycle.fire(
            DueTimer(incident: id, kind: .relevelLevel2, dueAt: started.adding(.minutes(20))), on: incident, policy: policy,
            now: started.adding(.minutes(20)))
        #expect(to2.incident.level == .level2)
        #expect(to2.events.first?.details == ["from_level": "3", "to_level": "2", "reason": "outage still ongoing after 20m"])
        incident = to2.incident
        let to1 = IncidentLifecycle.fire(
            DueTimer(incident: id, kind: .relevelLevel1, dueAt: started.adding(.minutes(60))), on: incident, policy: policy,
            now: started.adding(.minutes(60)))
        #expect(to1.incident.level == .level1)
        let again = IncidentLifecycle.fire(
            DueTimer(incident: id, kind: .relevelLevel2, dueAt: started), on: to1.incident, policy: policy, now: started.adding(.minutes(61)))
        #expect(again.incident.level == .level1)
        #expect(again.events.isEmpty)
    }

    @Test("re-levelling to 1 brings the emergency escalation forward when level 1 pages at once")
    func relevelBringsEscalationForward() throws {
        let policy = IncidentPolicy(escalation: EscalationPolicy(emergencyAfter: .minutes(90), emergencyAfterByLevel: [.level1: .zero]))
        let incident = try opened(.fixture(outageStarted: t0.adding(.minutes(-30))), policy: policy).incident
        let now = t0.adding(.minutes(30))
        let change = IncidentLifecycle.fire(
            DueTimer(incident: id, kind: .relevelLevel1, dueAt: now), on: incident, policy: policy, now: now)
        #expect(change.incident.level == .level1)
        #expect(change.timers == [.schedule(.emergencyEscalation, dueAt: now)])
    }

    @Test("a resolved outage is not re-levelled")
    func noRelevelAfterResolution() throws {
        var incident = try opened(.fixture(outageStarted: t0)).incident
        incident.state = .resolved
        let change = IncidentLifecycle.fire(
            DueTimer(incident: id, kind: .relevelLevel2, dueAt: t0), on: incident, policy: policy, now: t0.adding(.minutes(20)))
        #expect(change.incident.level == .level3)
    }
}

extension IncidentCommand: CustomTestStringConvertible {
    public var testDescription: String { verb }
}
