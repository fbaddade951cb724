import Foundation
import Testing

/// Issue 11, hostile clients: a slowloris client (a request trickled a header at a time, never
/// finished) and a flood of idle connections cannot keep the listener from answering others.
extension EndToEnd {
@Suite("Slow and idle clients")
struct SlowClientTests {
    @Test("requests trickled a header at a time are cut off after http.request_timeout; others are answered meanwhile")
    func slowloris() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        try sandbox.writeConfig(sandbox.config(requestTimeout: "2s"))
        _ = try await sandbox.startDaemon()

        let slow = try (0..<20).map { _ in try RawConnection(port: sandbox.port) }
        for connection in slow { #expect(connection.send("POST /v1/incidents HTTP/1.1\r\nHost: 127.0.0.1\r\n")) }
        // Keep every request trickling (one header line each round) until the server cuts it off.
        let started = ContinuousClock.now
        var open = Set(slow.indices)
        var answeredMeanwhile = false
        while !open.isEmpty, ContinuousClock.now - started < .seconds(15) {
            for index in open where !slow[index].send("X-Slow-\(index): still coming\r\n") { open.remove(index) }
            if !answeredMeanwhile {
                let health = try await sandbox.tcp("GET", "/healthz", token: sandbox.token)
                #expect(health.status == 200, "\(health.status) \(health.text)")
                answeredMeanwhile = true
            }
            for index in open where slow[index].closedByServer(within: .milliseconds(20)) { open.remove(index) }
        }
        let elapsed = ContinuousClock.now - started
        #expect(open.isEmpty, "\(open.count) trickling connections still open after \(elapsed)")
        #expect(elapsed >= .seconds(1.5), "cut off after \(elapsed), before the 2 s request timeout")
        #expect(answeredMeanwhile)
        // And the listener still serves.
        let after = try await sandbox.tcp("GET", "/healthz", token: sandbox.token)
        #expect(after.status == 200, "\(after.text)")
    }

    @Test("connections beyond http.max_connections are closed on accept; a freed slot is usable again")
    func connectionLimit() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        try sandbox.writeConfig(sandbox.config(requestTimeout: "30s", maxConnections: 4))
        _ = try await sandbox.startDaemon()

        var idle = try (0..<4).map { _ in try RawConnection(port: sandbox.port) }
        // The four are counted once the server has set them up: a fifth is then turned away at once.
        let turnedAway = try await eventually("a fifth connection to be closed on accept", timeout: .seconds(10)) { () -> Bool? in
            let extra = try RawConnection(port: sandbox.port)
            return extra.closedByServer(within: .milliseconds(500)) ? true : nil
        }
        #expect(turnedAway)
        idle.removeAll()
        // With the slots free again (closing is seen by the server asynchronously), a request goes through.
        let health = try await eventually("a request once the idle connections are gone", timeout: .seconds(10)) { () -> Int? in
            let response = try? await sandbox.tcp("GET", "/healthz", token: sandbox.token)
            return response?.status == 200 ? 200 : nil
        }
        #expect(health == 200)
    }
}
}
