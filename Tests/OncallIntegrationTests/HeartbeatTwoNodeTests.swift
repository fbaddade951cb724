import Foundation
import OncallAPI
import OncallTesting
import Testing

extension EndToEnd {
/// Heartbeats on two real daemons sharing one PostgreSQL: beats are taken on either node, the
/// active node's loop notices the miss, and the state both nodes read is the one database row.
@Suite("Heartbeats on two nodes")
struct HeartbeatTwoNodeTests {
    @Test("a beat to the standby counts; the active node opens one incident for the miss; the standby's next beat resolves it")
    func beatsOnTheStandby() async throws {
        let url = try await PostgresTestServer.shared.newDatabaseURL()
        let a = try Sandbox()
        let b = try Sandbox()
        defer { a.cleanup(); b.cleanup() }
        for (sandbox, node) in [(a, "a"), (b, "b")] {
            try sandbox.writeConfig(sandbox.config() + """
                store:
                  url: \(url)
                  node: \(node)
                heartbeats:
                  - {name: shared, interval: 2s, level: 2}

                """)
        }
        _ = try await a.startDaemon()
        _ = try await eventually("node a to become active") { try await a.call { try $0.status() }.active ? true : nil }
        _ = try await b.startDaemon()

        let first = try await b.call { try $0.beatHeartbeat("shared") }
        #expect(first.heartbeat.lastBeatBy?.hasPrefix("unix:") == true)
        #expect(try await a.call { try $0.heartbeats() }.first?.beats == 1, "the active node reads the standby's beat")

        let opened = try await eventually("the miss's incident", timeout: .seconds(15)) { () async throws -> IncidentDTO? in
            try await a.incidents().first { $0.reportedBy == "heartbeat:shared" }
        }
        #expect(opened.level == 2)
        let seenOnB = try await eventually("the standby to see the outage", timeout: .seconds(5)) { () async throws -> HeartbeatDTO? in
            let heartbeat = try await b.call { try $0.heartbeats() }.first
            return heartbeat?.incident == opened.id ? heartbeat : nil
        }
        #expect(seenOnB.status == "missed")

        let resolving = try await b.call { try $0.beatHeartbeat("shared") }
        #expect(resolving.resolved == opened.id)
        #expect(try await a.show(opened.id).state == "resolved")
        #expect(try await a.incidents().filter { $0.reportedBy == "heartbeat:shared" }.map(\.id) == [opened.id])
    }
}
}
