import Foundation
import Synchronization
import OncallCore
import OncallTesting
import Testing

/// Heartbeat monitors, decided purely and driven through the service and its loop with a test
/// clock: a missed heartbeat opens one incident, the next beat resolves it.
@Suite("Heartbeats")
struct HeartbeatTests {
    let clock = ManualClock(now: t0)
    let store = InMemoryIncidentStore()
    let backup = Heartbeat(name: "nightly-backup", interval: .seconds(3600), grace: .seconds(300), scope: .part, service: "backup")

    var settings: FixedSettings {
        FixedSettings(ServiceSettings(notifications: NotificationPolicy(
            rules: NotificationRules(projectManagers: ["zhang.wei"], emergencyGroup: ["chen.jie"], engineersOnCall: { _ in ["li.na"] }),
            composer: RecordingComposer())))
    }

    var incidents: IncidentService {
        IncidentService(store: store, maintenance: store, clock: clock, settings: settings, timersChanged: {})
    }

    func service(_ heartbeats: [Heartbeat]? = nil) -> HeartbeatService {
        let declared = heartbeats ?? [backup]
        let store = store
        return HeartbeatService(
            store: store, incidentKeyed: { store.incident(idempotencyKey: $0) }, incidents: incidents, clock: clock,
            heartbeats: { declared })
    }

    func open() async throws -> [Incident] {
        try await store.incidents(IncidentQuery(states: [.reported, .acknowledged, .escalated], limit: 100))
    }

    // MARK: - Pure decisions

    @Test("status at the edges: waiting until due, up within the interval, late in the grace, missed from the due time")
    func statusEdges() {
        let armed = HeartbeatLifecycle.arm(backup, now: t0)
        #expect(armed.dueAt == t0.adding(.seconds(3900)))
        #expect(HeartbeatLifecycle.status(armed, of: backup, now: t0.adding(.seconds(3899))) == .waiting)
        #expect(HeartbeatLifecycle.status(armed, of: backup, now: t0.adding(.seconds(3900))) == .missed)
        let beaten = HeartbeatLifecycle.beat(armed, of: backup, by: "unix:cron", now: t0)
        #expect(HeartbeatLifecycle.status(beaten, of: backup, now: t0.adding(.seconds(3599))) == .up)
        #expect(HeartbeatLifecycle.status(beaten, of: backup, now: t0.adding(.seconds(3600))) == .late)
        #expect(HeartbeatLifecycle.status(beaten, of: backup, now: t0.adding(.seconds(3900))) == .missed)
        #expect(!HeartbeatLifecycle.needsIncident(beaten, now: t0.adding(.seconds(3899))))
        #expect(HeartbeatLifecycle.needsIncident(beaten, now: t0.adding(.seconds(3900))))
    }

    @Test("a miss files a report of the configured scope and service, without an outage start (its level is not re-levelled)")
    func report() {
        var state = HeartbeatLifecycle.beat(HeartbeatLifecycle.arm(backup, now: t0), of: backup, by: "token:cron", now: t0)
        state.dueAt = t0.adding(.seconds(3900))
        let form = HeartbeatLifecycle.report(backup, state: state)
        #expect(form.subject == "Heartbeat nightly-backup missed")
        #expect(form.scope == .part)
        #expect(form.service == "backup")
        #expect(form.reporter == "heartbeat:nightly-backup")
        #expect(form.outageStarted == nil)
        #expect(form.description?.contains("The next beat resolves this incident.") == true)
        #expect(form.situation?.contains("token:cron") == true)
    }

    @Test("names: lower-case letters, digits and . _ - up to 64, starting with a letter or digit", arguments: [
        ("nightly-backup", true), ("a", true), ("watchdog.prom_1", true), ("", false), ("-x", false), ("Backup", false),
        ("a b", false), ("a/b", false), ("备份", false), (String(repeating: "a", count: 64), true), (String(repeating: "a", count: 65), false),
    ])
    func names(_ name: String, valid: Bool) {
        #expect(Heartbeat.isValidName(name) == valid)
    }

    @Test("a changed interval moves the due time of a beating heartbeat, never an outage's")
    func rescheduled() {
        let state = HeartbeatLifecycle.beat(HeartbeatLifecycle.arm(backup, now: t0), of: backup, by: "unix:cron", now: t0)
        var shorter = backup
        shorter.interval = .seconds(600)
        #expect(HeartbeatLifecycle.rescheduled(state, for: backup) == nil)
        #expect(HeartbeatLifecycle.rescheduled(state, for: shorter)?.dueAt == t0.adding(.seconds(900)))
        var outage = state
        outage.incident = IncidentNumber(7)
        #expect(HeartbeatLifecycle.rescheduled(outage, for: shorter) == nil)
    }

    // MARK: - With the test clock

    @Test("a missed heartbeat opens one incident and a beat resolves it")
    func missedThenBeat() async throws {
        let heartbeats = service()
        #expect(try await heartbeats.runCycle() == t0.adding(.seconds(3900)))
        _ = try await heartbeats.beat("nightly-backup", actor: "token:cron")

        clock.advance(by: .seconds(3600 + 299))
        try await heartbeats.runCycle()
        #expect(try await open().isEmpty)

        clock.advance(by: .seconds(1))
        #expect(try await heartbeats.runCycle() == nil)  // nothing more is due while the outage lasts
        let opened = try #require(try await open().first)
        #expect(try await open().count == 1)
        #expect(opened.level == .level2)
        #expect(opened.form.service == "backup")
        #expect(opened.reportedBy == "heartbeat:nightly-backup")
        #expect(!store.outbox.filter { $0.incident == opened.id }.isEmpty)  // notified like any report
        #expect(try await heartbeats.list().first?.status == .missed)
        #expect(try await heartbeats.list().first?.state.incident == opened.id)

        // A second missed period in the same outage opens nothing more.
        clock.advance(by: .seconds(2 * 3900))
        try await heartbeats.runCycle()
        #expect(try await open().map(\.id) == [opened.id])

        let beat = try await heartbeats.beat("nightly-backup", actor: "token:cron")
        #expect(beat.resolved == opened.id)
        #expect(beat.reading.status == .up)
        let resolved = try #require(try await store.incident(opened.id))
        #expect(resolved.state == .resolved)
        #expect(resolved.resolutionSummary == "heartbeat nightly-backup beat again (token:cron)")
        let last = try #require(try await store.timeline(of: opened.id).last)
        #expect(last.kind == .resolved)
        #expect(last.actor == "token:cron")
        #expect(try await heartbeats.runCycle() == clock.now.adding(.seconds(3900)))

        // The next outage is a new incident.
        clock.advance(by: .seconds(3900))
        try await heartbeats.runCycle()
        #expect(try await open().count == 1)
        #expect(try await open().first?.id != opened.id)
    }

    @Test("a heartbeat that never beats is missed an interval and a grace after it was armed")
    func neverBeats() async throws {
        let heartbeats = service()
        try await heartbeats.runCycle()
        #expect(try await heartbeats.list().first?.status == .waiting)
        clock.advance(by: .seconds(3900))
        try await heartbeats.runCycle()
        #expect(try await open().count == 1)
    }

    @Test("a restart between the report and its record opens no second incident")
    func crashBetweenReportAndRecord() async throws {
        let heartbeats = service()
        try await heartbeats.runCycle()
        clock.advance(by: .seconds(3900))
        // The report is committed, then the daemon dies before the state records it.
        let state = try #require(try await store.heartbeatStates().first)
        _ = try await incidents.report(
            HeartbeatLifecycle.report(backup, state: state), actor: "heartbeat:nightly-backup",
            idempotencyKey: HeartbeatLifecycle.reportKey("nightly-backup", dueAt: state.dueAt))
        try await heartbeats.runCycle()
        let opened = try await open()
        #expect(opened.count == 1)
        #expect(try await store.heartbeatStates().first?.incident == opened.first?.id)
    }

    @Test("a beat after an unrecorded report finds the incident by its key and resolves it")
    func beatFindsUnrecordedIncident() async throws {
        let heartbeats = service()
        try await heartbeats.runCycle()
        clock.advance(by: .seconds(3900))
        let state = try #require(try await store.heartbeatStates().first)
        let (incident, _) = try await incidents.report(
            HeartbeatLifecycle.report(backup, state: state), actor: "heartbeat:nightly-backup",
            idempotencyKey: HeartbeatLifecycle.reportKey("nightly-backup", dueAt: state.dueAt))
        clock.advance(by: .seconds(10))
        let beat = try await heartbeats.beat("nightly-backup", actor: "unix:cron")
        #expect(beat.resolved == incident.id)
        try await heartbeats.runCycle()
        #expect(try await open().isEmpty)
    }

    @Test("an incident resolved by hand stays resolved; the outage opens no other until a beat ends it")
    func resolvedByHand() async throws {
        let heartbeats = service()
        try await heartbeats.runCycle()
        clock.advance(by: .seconds(3900))
        try await heartbeats.runCycle()
        let opened = try #require(try await open().first)
        _ = try await incidents.perform(.resolve(summary: "job disabled for the migration"), on: opened.id, actor: "unix:alice")
        clock.advance(by: .seconds(3900))
        try await heartbeats.runCycle()
        #expect(try await open().isEmpty)
        let beat = try await heartbeats.beat("nightly-backup", actor: "unix:cron")
        #expect(beat.resolved == nil)
        #expect(try await store.incident(opened.id)?.resolutionSummary == "job disabled for the migration")
    }

    @Test("one heartbeat whose report is refused does not hold up the others; it is retried soon")
    func failureIsolated() async throws {
        let refused = Heartbeat(name: "a-refused", interval: .seconds(60), title: String(repeating: "x", count: 600))
        let errors = Errors()
        let store = store
        let heartbeats = HeartbeatService(
            store: store, incidentKeyed: { store.incident(idempotencyKey: $0) }, incidents: incidents, clock: clock,
            heartbeats: { [refused, backup] }, onError: { errors.append("\($0)") })
        try await heartbeats.runCycle()
        clock.advance(by: .seconds(3900))
        #expect(try await heartbeats.runCycle() == clock.now.adding(.seconds(5)))
        #expect(try await open().map(\.reportedBy) == ["heartbeat:nightly-backup"])
        #expect(errors.all.count == 1 && errors.all[0].contains("subject"), "\(errors.all)")
    }

    @Test("unknown and malformed names are refused, naming what is configured")
    func refusals() async throws {
        let heartbeats = service()
        await #expect(throws: HeartbeatService.Refusal.unknown("nightly", configured: ["nightly-backup"])) {
            _ = try await heartbeats.beat("nightly", actor: "unix:cron")
        }
        await #expect(throws: HeartbeatService.Refusal.invalidName("Nightly Backup")) {
            _ = try await heartbeats.beat("Nightly Backup", actor: "unix:cron")
        }
    }

    @Test("a firing Watchdog alert beats the heartbeats it feeds, of its integration only when one is named")
    func watchdog() async throws {
        let any = Heartbeat(name: "watchdog", interval: .seconds(120), alertmanagerAlertname: "Watchdog")
        let prodOnly = Heartbeat(name: "watchdog-prod", interval: .seconds(120), alertmanagerAlertname: "Watchdog", alertmanagerIntegration: "prod")
        let heartbeats = service([any, prodOnly, backup])
        #expect(heartbeats.feeds(alertname: "Watchdog", integration: "staging"))
        #expect(!heartbeats.feeds(alertname: "DiskFull", integration: "prod"))
        let staging = try await heartbeats.beat(alertname: "Watchdog", integration: "staging", actor: "alertmanager/staging")
        #expect(staging.map(\.reading.heartbeat.name) == ["watchdog"])
        let prod = try await heartbeats.beat(alertname: "Watchdog", integration: "prod", actor: "alertmanager/prod")
        #expect(prod.map(\.reading.heartbeat.name) == ["watchdog", "watchdog-prod"])
    }
}

/// Errors a service reported, collected across tasks.
final class Errors: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}
