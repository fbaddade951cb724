import Foundation
import OncallAPI
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension EndToEnd {
/// Issue 13, part 4: "a missed heartbeat opens one incident and a beat resolves it" — with the real
/// daemon, `oncallctl`, the TCP API and an Alertmanager Watchdog. That no second incident opens is
/// proved by a later heartbeat's miss (the same loop cycle looks at both), never by waiting for nothing.
@Suite("Heartbeats end to end: a miss opens one incident, the next beat resolves it")
struct HeartbeatEndToEndTests {
    /// `fast` (2s + 1s grace, level 2, its own token), `slow` (10s, beaten only by the `ci` token) and
    /// `watchdog` (fed by Alertmanager's Watchdog).
    func configure(_ sandbox: Sandbox, prometheus: InboundEndpoint, ownToken: String, otherToken: String) throws {
        let own = try sandbox.writeSecret("heartbeat-fast.token", ownToken)
        let other = try sandbox.writeSecret("other.token", otherToken)
        try sandbox.writeConfig(sandbox.config(extraTokens: [(name: "other", file: other)]) + sandbox.inboundSections([prometheus]) + """
            heartbeats:
              - name: fast
                interval: 2s
                grace: 1s
                level: 2
                service: backup
                title: 夜间备份未按时完成
                token_file: \(own)
              - name: slow
                interval: 10s
                tokens: [ci]
              - name: watchdog
                interval: 1h
                alertmanager_alertname: Watchdog
                alertmanager_integration: \(prometheus.name)

            """)
    }

    func heartbeats(_ sandbox: Sandbox) async throws -> [String: HeartbeatDTO] {
        let list = try await sandbox.call { try $0.heartbeats() }
        return Dictionary(uniqueKeysWithValues: list.map { ($0.name, $0) })
    }

    func heartbeatIncidents(_ sandbox: Sandbox, _ name: String) async throws -> [IncidentDTO] {
        try await sandbox.incidents().filter { $0.reportedBy == "heartbeat:" + name }
    }

    @Test("fast misses: one level 2 incident, no second after a kill -9 and restart; its own token's beat resolves it with a timeline entry")
    func missedThenBeat() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        let prometheus = InboundEndpoint.alertmanager()
        let ownToken = "hb-" + UUID().uuidString.lowercased()
        let otherToken = "other-" + UUID().uuidString.lowercased()
        try configure(sandbox, prometheus: prometheus, ownToken: ownToken, otherToken: otherToken)
        let first = try await sandbox.startDaemon()

        let beat = try await sandbox.ctl("heartbeat", ["fast"])
        #expect(beat.status == 0, "\(beat)\n\(sandbox.logs)")
        #expect(beat.stdout.hasPrefix("fast up; next due"), "\(beat)")

        let opened = try await eventually("fast's incident", timeout: .seconds(15)) { () async throws -> IncidentDTO? in
            try await heartbeatIncidents(sandbox, "fast").first
        }
        #expect(opened.level == 2)
        #expect(opened.subject == "夜间备份未按时完成")
        #expect(opened.service == "backup")
        #expect(opened.state == "reported")
        // The loop that opened it has stored slow's first due time too.
        let slowDue = try #require(try await heartbeats(sandbox)["slow"]?.dueAt)
        let listed = try await sandbox.ctl("heartbeats")
        #expect(listed.stdout.contains("fast") && listed.stdout.contains("missed") && listed.stdout.contains(opened.id), "\(listed)")

        // A crash and a restart: the due times are the stored ones, and the outage keeps its one incident.
        try await first.kill()
        _ = try await sandbox.startDaemon()
        let afterRestart = try await heartbeats(sandbox)
        #expect(afterRestart["fast"]?.incident == opened.id)
        #expect(afterRestart["slow"].map { abs($0.dueAt.timeIntervalSince(slowDue)) < 0.01 } == true, "slow's due time survived")
        // slow is missed in a cycle that also looks at fast, two of fast's periods after its miss.
        _ = try await eventually("slow's incident", timeout: .seconds(15)) { () async throws -> IncidentDTO? in
            try await heartbeatIncidents(sandbox, "slow").first
        }
        #expect(try await heartbeatIncidents(sandbox, "fast").map(\.id) == [opened.id])

        // Over TCP: no token, another heartbeat's token, an API token fast does not exclude, a token slow does not allow.
        #expect(try await sandbox.tcp("POST", "/v1/heartbeats/fast", token: nil).status == 401)
        #expect(try await sandbox.tcp("POST", "/v1/heartbeats/slow", token: ownToken).status == 401)
        #expect(try await sandbox.tcp("GET", "/v1/heartbeats", token: ownToken).status == 401, "its own token opens nothing else")
        let forbidden = try await sandbox.tcp("POST", "/v1/heartbeats/slow", token: otherToken)
        #expect(forbidden.status == 403, "\(forbidden.text)")
        #expect(forbidden.apiError?.code == "forbidden")
        let unknown = try await sandbox.tcp("POST", "/v1/heartbeats/nightly", token: sandbox.token)
        #expect(unknown.status == 404)
        #expect(unknown.apiError?.message.contains("configured: fast, slow, watchdog") == true, "\(unknown.text)")
        let malformed = try await sandbox.tcp("POST", "/v1/heartbeats/Bad%20Name", token: sandbox.token)
        #expect(malformed.status == 400, "\(malformed.text)")
        #expect(malformed.apiError?.code == "invalid_field")

        let resolving = try await sandbox.tcp("POST", "/v1/heartbeats/fast", token: ownToken)
        #expect(resolving.status == 200, "\(resolving.text)\n\(sandbox.logs)")
        let answer = try resolving.decode(HeartbeatBeatDTO.self)
        #expect(answer.resolved == opened.id)
        #expect(answer.heartbeat.status == "up")
        #expect(answer.heartbeat.lastBeatBy == "heartbeat:fast")
        let resolved = try await sandbox.show(opened.id)
        #expect(resolved.state == "resolved")
        #expect(resolved.resolutionSummary == "heartbeat fast beat again (heartbeat:fast)")
        // The resolution is on the timeline by whoever beat (the fault report's draft follows it).
        let resolution = try #require(resolved.timeline?.last { $0.kind == "resolved" })
        #expect(resolution.actor == "heartbeat:fast")

        let metrics = try await sandbox.tcp("GET", "/metrics", token: sandbox.token)
        #expect(metrics.text.contains("oncalld_heartbeat_beats_total{heartbeat=\"fast\"} 1"), "\(metrics.text)")
        #expect(metricValue("oncalld_heartbeat_missed{heartbeat=\"slow\"}", in: metrics.text) == 1)
    }

    @Test("a firing Watchdog from Alertmanager is a beat and opens no incident; the other API token beats slow")
    func watchdog() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        let prometheus = InboundEndpoint.alertmanager()
        try configure(sandbox, prometheus: prometheus, ownToken: "hb-" + UUID().uuidString, otherToken: "o-" + UUID().uuidString)
        _ = try await sandbox.startDaemon()
        let formatter = ISO8601DateFormatter()
        let labels = ["alertname": "Watchdog", "severity": "none"]
        let body = try JSONSerialization.data(withJSONObject: [
            "version": "4", "groupKey": "{}:{alertname=\"Watchdog\"}", "truncatedAlerts": 0, "status": "firing", "receiver": "oncalld-watchdog",
            "groupLabels": labels, "commonLabels": labels, "commonAnnotations": [:] as [String: String], "externalURL": "http://alertmanager:9093",
            "alerts": [[
                "status": "firing", "labels": labels, "annotations": [:] as [String: String], "startsAt": formatter.string(from: Date()),
                "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "", "fingerprint": "e8d0e1b1f0a2c3d4",
            ] as [String: Any]],
        ] as [String: Any], options: [.sortedKeys])
        let response = try await sandbox.inbound(
            prometheus, body: body, headers: [("Authorization", "Bearer \(prometheus.secret)"), ("Content-Type", "application/json")])
        #expect(response.status == 200, "\(response.text)\n\(sandbox.logs)")
        #expect(response.fields["outcome"] == "heartbeat", "\(response.text)")
        #expect(response.fields["heartbeats"] == "watchdog")
        let watchdog = try #require(try await heartbeats(sandbox)["watchdog"])
        #expect(watchdog.lastBeatBy == "alertmanager/prometheus")
        #expect(watchdog.status == "up")
        #expect(try await sandbox.incidents().filter { $0.reportedBy.hasPrefix("alertmanager") }.isEmpty)

        let unknown = try await sandbox.ctl("heartbeat", ["nightly"])
        #expect(unknown.status == 1, "\(unknown)")
        #expect(unknown.stderr.contains("no heartbeat 'nightly'; configured: fast, slow, watchdog"), "\(unknown)")

        let slow = try await sandbox.tcp("POST", "/v1/heartbeats/slow", token: sandbox.token)
        #expect(slow.status == 200, "\(slow.text)")
        #expect(try slow.decode(HeartbeatBeatDTO.self).heartbeat.lastBeatBy == "token:ci")
    }

    @Test("a heartbeat added by SIGHUP is watched at once: its miss opens an incident well before the loop's 30 s idle look")
    func addedByReload() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        try sandbox.writeConfig(sandbox.config())
        let daemon = try await sandbox.startDaemon()
        let ready = try #require(daemon.notify.index(of: "READY=1"))
        try sandbox.writeConfig(sandbox.config() + "heartbeats:\n  - {name: added, interval: 1s, level: 3}\n")
        daemon.send(SIGHUP)
        let reloading = try await daemon.notify.waitFor("RELOADING=1", skipping: ready + 1)
        try await daemon.notify.waitFor("READY=1", skipping: reloading + 1)
        let opened = try await eventually("the added heartbeat's incident", timeout: .seconds(10)) { () async throws -> IncidentDTO? in
            try await heartbeatIncidents(sandbox, "added").first
        }
        #expect(opened.level == 3)
        #expect(opened.subject == "Heartbeat added missed")
    }
}
}
