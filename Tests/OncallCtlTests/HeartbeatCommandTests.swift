import ArgumentParser
import Foundation
import OncallAPI
import OncallCore
import Testing

@testable import oncallctl

@Suite("Heartbeat commands")
struct HeartbeatCommandTests {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    @Test("heartbeat NAME and heartbeats parse, the socket before or after")
    func parsing() throws {
        let beat = try #require(try OncallCtl.parseAsRoot(["heartbeat", "nightly-backup", "--socket", "/tmp/s"]) as? HeartbeatCommand)
        #expect(beat.name == "nightly-backup")
        let moved = GlobalOptions.movingSocketAfterSubcommand(["--socket", "/tmp/s", "heartbeats", "--json"])
        let list = try #require(try OncallCtl.parseAsRoot(moved) as? HeartbeatsCommand)
        #expect(list.json)
        #expect(throws: (any Error).self) { _ = try OncallCtl.parseAsRoot(["heartbeat"]) }
    }

    @Test("the table shows the interval with its grace, the last beat, the due time, the status and the incident")
    func table() {
        let backup = Heartbeat(name: "nightly-backup", interval: .seconds(86400), grace: .seconds(3600), scope: .part)
        var missed = HeartbeatState(name: "nightly-backup", armedAt: t0, lastBeatAt: t0, lastBeatBy: "token:cron", dueAt: t0.adding(.seconds(90000)))
        missed.incident = IncidentNumber(42)
        let watchdog = Heartbeat(name: "watchdog", interval: .seconds(300))
        let lines = HeartbeatText.table([
            HeartbeatDTO(.init(heartbeat: backup, state: missed, status: .missed)),
            HeartbeatDTO(.init(heartbeat: watchdog, state: HeartbeatLifecycle.arm(watchdog, now: t0), status: .waiting)),
        ], timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        #expect(lines == [
            "NAME            EVERY           LAST BEAT            DUE                  STATUS   INCIDENT",
            "nightly-backup  24h + 1h grace  2023-11-15 06:13:20  2023-11-16 07:13:20  missed   INC-000042",
            "watchdog        5m              never                2023-11-15 06:18:20  waiting  -",
        ])
        #expect(HeartbeatText.table([], timeZone: .gmt) == ["No heartbeats are configured."])
    }
}
