import Foundation
import OncallAPI
import OncallClient
import Testing

@Suite("OncallClient against a fake daemon on a Unix socket", .enabled(if: TestServer.pythonAvailable, "needs python3"))
struct OncallClientTests {
    static let fastRetries: [Duration] = [.milliseconds(20), .milliseconds(20), .milliseconds(20)]
    let sample = ReportRequest(subject: "数据库宕机", organisation: "财务处", reporter: "张三", scope: .part)

    func withDaemon(_ arguments: [String] = [], _ body: (OncallClient) throws -> Void) throws {
        let path = TestServer.temporarySocketPath()
        let server = try TestServer(unixSocket: path, arguments: arguments)
        defer { server.stop() }
        try body(OncallClient(socketPath: path, timeout: .seconds(10), retryDelays: Self.fastRetries))
    }

    @Test("health")
    func health() throws {
        try withDaemon { client in
            let healthy = try client.health()
            #expect(healthy)
        }
    }

    @Test("report sends the Idempotency-Key and returns the incident")
    func report() throws {
        try withDaemon { client in
            let incident = try client.report(sample, idempotencyKey: "key-1")
            #expect(incident.id == "INC-000001")
            #expect(incident.subject == "数据库宕机")
            #expect(incident.other == "attempts=1 key=key-1")
            #expect(incident.timeline?.first?.kind == "reported")
        }
    }

    @Test("report is sent again with the same key when the connection drops")
    func reportRetry() throws {
        try withDaemon(["--drop-first-report"]) { client in
            let incident = try client.report(sample, idempotencyKey: "key-2")
            #expect(incident.other == "attempts=2 key=key-2")
        }
    }

    @Test("report gives up after three retries")
    func reportGivesUp() throws {
        try withDaemon(["--drop-every-report"]) { client in
            let error = try #require(throws: ClientError.self) { try client.report(sample, idempotencyKey: "key-3") }
            guard case let .unreachable(socketPath, reason) = error else {
                Issue.record("expected unreachable, got \(error)")
                return
            }
            #expect(socketPath == client.socketPath)
            #expect(reason.contains("closed before an answer"))
        }
    }

    @Test("list encodes its filters in the query")
    func list() throws {
        try withDaemon { client in
            let incidents = try client.list(
                states: ["reported", "acknowledged"], level: 1, since: Date(timeIntervalSince1970: 1_700_000_000), limit: 5)
            #expect(incidents.count == 2)
            #expect(incidents[0].subject == "query=state=reported,acknowledged&level=1&since=2023-11-14T22:13:20.000Z&limit=5")
            #expect(try client.list().first?.subject == "query=")
        }
    }

    @Test("commands post their bodies and return the incident")
    func commands() throws {
        try withDaemon { client in
            #expect(try client.show("INC-000009").id == "INC-000009")
            let acked = try client.ack("INC-000009")
            #expect(acked.state == "acknowledged")
            #expect(try client.escalate("9", reason: "vendor").other == "{\"reason\":\"vendor\"}")
            #expect(try client.resolve("9", summary: "fixed").state == "resolved")
            #expect(try client.close("9").state == "closed")
            #expect(try client.note("9", text: "说明").other == "{\"text\":\"说明\"}")
        }
    }

    @Test("an error answer is refused with the daemon's error body")
    func refused() throws {
        try withDaemon { client in
            let error = try #require(throws: ClientError.self) { try client.show("INC-000404") }
            #expect(error == .refused(status: 404, APIErrorBody(code: "not_found", message: "incident INC-000404 not found")))
            #expect(error.description == "incident INC-000404 not found")
        }
    }

    @Test("an error answer that is not JSON is still refused, with its text")
    func refusedText() throws {
        try withDaemon { client in
            let error = try #require(throws: ClientError.self) { try client.show("503") }
            #expect(error == .refused(status: 502, APIErrorBody(code: "http_502", message: "HTTP 502: bad gateway")))
        }
    }

    @Test("a missing socket is unreachable at once, with the system's reason")
    func missingSocket() throws {
        let client = OncallClient(socketPath: "/tmp/octl-none-\(UUID().uuidString.prefix(6)).sock", retryDelays: [.seconds(5)])
        let clock = ContinuousClock()
        let start = clock.now
        let error = try #require(throws: ClientError.self) { try client.report(sample, idempotencyKey: "k") }
        #expect(clock.now - start < .seconds(2), "no retries when the socket file does not exist")
        #expect(error == .unreachable(socketPath: client.socketPath, reason: "No such file or directory (is oncalld running?)"))
        #expect(error.description.hasPrefix("cannot reach oncalld at /tmp/octl-none-"))
    }

    @Test("send returns any answer as is")
    func send() throws {
        try withDaemon { client in
            let response = try client.send(method: "PATCH", path: "/echo", body: Data("x".utf8), headers: [("X-A", "b")])
            #expect(response.status == 200)
            #expect(response.text.contains("\"x-a\": \"b\""))
            #expect(try client.send(method: "GET", path: "/nowhere").status == 404)
        }
    }
}
