import Foundation
import OncallAPI
import OncallTesting
import Testing

/// Issue 12: two real daemons on one real PostgreSQL (the test process's throwaway cluster).
extension EndToEnd {
@Suite("Two nodes on one PostgreSQL")
struct TwoNodeFailoverTests {
    /// Two sandboxes whose daemons share a new database; node `a` is started first. With `throughProxy`,
    /// node a reaches the database through `tcp_proxy.py`, whose control file can cut its network.
    func twoNodes(emergencyAfter: String, throughProxy: Bool = false) async throws -> (a: Sandbox, b: Sandbox, proxy: HelperProcess?) {
        let url = try await PostgresTestServer.shared.newDatabaseURL()
        let a = try Sandbox()
        let b = try Sandbox()
        var urlOfA = url
        var proxy: HelperProcess?
        if throughProxy {
            let databasePort = try #require(URLComponents(string: url)?.port)
            let started = try await HelperProcess(
                name: "proxy", script: "tcp_proxy.py",
                arguments: ["--target-port", String(databasePort), "--control", a.path + "/network"], directory: a.path)
            urlOfA = url.replacingOccurrences(of: ":\(databasePort)/", with: ":\(started.port)/")
            proxy = started
        }
        for (sandbox, node, url) in [(a, "a", urlOfA), (b, "b", url)] {
            try sandbox.writeConfig(sandbox.config(emergencyAfter: emergencyAfter) + "store:\n  url: \(url)\n  node: \(node)\n")
        }
        return (a, b, proxy)
    }

    func status(_ sandbox: Sandbox) async throws -> StatusDTO {
        try await sandbox.call { try $0.status() }
    }

    @Test("a report to either node is seen by both; exactly one is active, and oncallctl status says which")
    func bothNodesServe() async throws {
        let (a, b, _) = try await twoNodes(emergencyAfter: "10m")
        defer { a.cleanup(); b.cleanup() }
        _ = try await a.startDaemon()
        _ = try await eventually("node a to become active") { try await status(a).active ? true : nil }
        _ = try await b.startDaemon()
        let fromA = try await a.report(sampleReport("reported to a"))
        let fromB = try await b.report(sampleReport("reported to b"))
        #expect(try await b.show(fromA.id).form.subject == "reported to a")
        #expect(try await a.show(fromB.id).form.subject == "reported to b")
        #expect(Set(try await a.incidents().map(\.id)) == [fromA.id, fromB.id])

        let onB = try await status(b)
        #expect(onB.store == "postgresql" && onB.node == "b" && !onB.active && onB.activeNode == "a", "\(onB)")
        let text = try await b.ctl("status")
        #expect(text.stdout.contains("node:    b (standby)") && text.stdout.contains("active:  a since"), "\(text)")
        let metrics = try await b.tcp("GET", "/metrics", token: b.token)
        #expect(String(decoding: metrics.body, as: UTF8.self).contains("oncalld_active{node=\"b\"} 0"))
    }

    @Test("a timer written on the standby wakes the active node (NOTIFY), which fires it on time")
    func standbyWritesWakeTheActiveNode() async throws {
        let (a, b, _) = try await twoNodes(emergencyAfter: "3s")
        defer { a.cleanup(); b.cleanup() }
        _ = try await a.startDaemon()
        _ = try await eventually("node a to become active") { try await status(a).active ? true : nil }
        _ = try await b.startDaemon()
        // a has no timer of its own, so without the wakeup it would sleep its idle 30 s.
        let incident = try await b.report(sampleReport("reported to the standby"))
        let escalated = try await eventually("\(incident.id) to be escalated", timeout: .seconds(10)) {
            let shown = try await a.show(incident.id)
            return shown.state == "escalated" ? shown : nil
        }
        let delay = try #require(escalated.escalatedAt).timeIntervalSince(escalated.reportedAt)
        // Without the wakeup the active node would sleep its idle 30 s; the slack is for a loaded CI machine.
        #expect(delay >= 3 && delay < 8, "escalated \(delay) s after the report (emergency_after: 3s)")
        #expect(try await status(b).active == false)
    }

    @Test("kill -9 the active node with 100 timers due in the next 10 s: the other fires each exactly once, within 5 s")
    func failover() async throws {
        let (a, b, _) = try await twoNodes(emergencyAfter: "6s")
        defer { a.cleanup(); b.cleanup() }
        let nodeA = try await a.startDaemon()
        _ = try await eventually("node a to become active") { try await status(a).active ? true : nil }
        _ = try await b.startDaemon()

        var reported: [IncidentDTO] = []
        for index in 0..<100 {
            let sandbox = index.isMultiple(of: 2) ? a : b
            reported.append(try await sandbox.report(sampleReport("fault \(index)")))
        }
        // Some timers fire on a before it dies (due 6 s after the first report); the rest wait for b.
        try await Task.sleep(for: .seconds(3))
        try await nodeA.kill()
        let killedAt = Date()
        let takeover = try await eventually("node b to take over", timeout: .seconds(10)) {
            try await status(b).active ? Date() : nil
        }
        let failover = takeover.timeIntervalSince(killedAt)
        print("failover: node b active \(String(format: "%.2f", failover)) s after kill -9 of node a")
        #expect(failover < 5, "node b took over \(failover) s after the kill")

        let escalated = try await eventually("all 100 incidents to be escalated", timeout: .seconds(20)) {
            let all = try await b.incidents()
            return all.count == 100 && all.allSatisfy { $0.state == "escalated" } ? all : nil
        }
        var latest = 0.0
        for incident in escalated {
            let shown = try await b.show(incident.id)
            let escalations = (shown.timeline ?? []).filter { $0.kind == "escalated" }
            #expect(escalations.count == 1, "\(incident.id): \(shown.timeline ?? [])")
            let due = shown.reportedAt.addingTimeInterval(6)
            let escalatedAt = try #require(shown.escalatedAt)
            // Fired by a before the kill, within 5 s of due; fired by b, within 5 s of the later of due and the kill.
            let late = escalatedAt.timeIntervalSince(escalatedAt > killedAt ? max(due, killedAt) : due)
            #expect(late < 5, "\(incident.id) escalated \(late) s after it was due or after the kill (\(killedAt))")
            latest = max(latest, late)
        }
        print("failover: every timer fired once; the latest \(String(format: "%.2f", latest)) s after it was due")
    }

    @Test("a node whose database connection is cut gives the role up within its lock's lifetime; the other takes over")
    func partition() async throws {
        let (a, b, proxy) = try await twoNodes(emergencyAfter: "2s", throughProxy: true)
        defer { proxy?.stop(); a.cleanup(); b.cleanup() }
        _ = try await a.startDaemon()
        _ = try await eventually("node a to become active") { try await status(a).active ? true : nil }
        _ = try await b.startDaemon()

        try a.write("cut", to: a.path + "/network")
        let cutAt = Date()
        _ = try await eventually("node a to give the role up", timeout: .seconds(10)) { try await status(a).active ? nil : true }
        let gaveUp = Date().timeIntervalSince(cutAt)
        print("partition: node a stopped acting \(String(format: "%.2f", gaveUp)) s after its network was cut")
        // The database frees a vanished session's lock after its keepalive gives up (about 4 s, set by the
        // active node): a must have stopped before then, so two nodes never act at once.
        #expect(gaveUp < 4, "node a kept the role \(gaveUp) s after the cut")
        #expect(try await status(b).active == false, "b must not be active while a's session still holds the lock")

        // The server gives up on a's sessions (as its keepalive would): b takes the lock and runs the timers.
        try a.write("drop", to: a.path + "/network")
        _ = try await eventually("node b to take over", timeout: .seconds(10)) { try await status(b).active ? true : nil }
        let incident = try await b.report(sampleReport("after the partition"))
        let escalated = try await eventually("\(incident.id) to be escalated by b", timeout: .seconds(10)) {
            let shown = try await b.show(incident.id)
            return shown.state == "escalated" ? shown : nil
        }
        #expect((escalated.timeline ?? []).filter { $0.kind == "escalated" }.count == 1)
        #expect(a.logs.contains("this node is no longer active"), "\(a.logs)")
    }
}
}
