import Foundation
import OncallAPI
import OncallCurl
import Synchronization
import Testing

/// Issue 11: "SIGTERM during load stops cleanly with STOPPING=1": reporters post on the Unix socket
/// and on TCP without pause; the daemon is told to stop in the middle of it.
extension EndToEnd {
@Suite("SIGTERM under load")
struct StopUnderLoadTests {
    enum Transport: String, Sendable { case socket, tcp }

    /// What one reporter saw: the subjects answered with success, and how its last request ended.
    struct Reporter: Sendable {
        var answered: [String] = []
        var answeredAt: [ContinuousClock.Instant] = []
        var ending = "(ran out of reports)"
        /// Whether the ending is one a stopping daemon may give: a refused connection, a connection
        /// closed before an answer, or an error answer saying it is unavailable.
        var endedCleanly = true
    }

    /// `POST /v1/incidents` with an Idempotency-Key, on the socket or on TCP with the token.
    static func post(_ form: ReportRequest, key: String, via transport: Transport, _ sandbox: Sandbox) async throws(CurlError) -> CurlResponse {
        var headers = [("Accept", "application/json"), ("Content-Type", "application/json"), ("Idempotency-Key", key)]
        if transport == .tcp { headers.append(("Authorization", "Bearer \(sandbox.token)")) }
        let body = try? APIDates.encoder.encode(form)
        let request = CurlRequest(
            method: "POST", url: (transport == .socket ? "http://localhost" : sandbox.tcpBase) + "/v1/incidents", headers: headers,
            body: body, unixSocketPath: transport == .socket ? sandbox.socketPath : nil, timeout: .seconds(10), connectTimeout: .seconds(5))
        return try await performDetached(request)
    }

    /// Successes across all reporters so far.
    final class Tally: Sendable {
        private let count = Mutex(0)
        func add() { count.withLock { $0 += 1 } }
        var value: Int { count.withLock { $0 } }
    }

    /// Reports one after another until a request fails (at most `limit`), counting successes in `tally`.
    static func report(_ sandbox: Sandbox, round: Int, worker: Int, via transport: Transport, limit: Int, tally: Tally) async -> Reporter {
        var reporter = Reporter()
        for sequence in 0..<limit {
            let subject = "r\(round)-w\(worker)-\(transport.rawValue)-\(sequence)"
            do {
                let response = try await post(sampleReport(subject), key: "key-" + subject, via: transport, sandbox)
                if (200..<300).contains(response.status), let incident = try? response.decode(IncidentDTO.self), incident.form.subject == subject {
                    reporter.answered.append(subject)
                    reporter.answeredAt.append(.now)
                    tally.add()
                    continue
                }
                reporter.ending = "HTTP \(response.status): \(response.text.prefix(300))"
                reporter.endedCleanly = response.status == 503 && response.apiError != nil
            } catch {
                reporter.ending = "\(error)"
                reporter.endedCleanly = error.kind == .couldNotConnect || error.kind == .connectionLost
            }
            break
        }
        return reporter
    }

    /// How one stop went.
    struct Stop: Sendable {
        var reporters: [Reporter]
        var stopping: Duration
        var exited: Duration
        /// Reports answered after SIGTERM was sent: requests in flight that completed.
        var answeredAfterSignal: Int
    }

    /// Starts the daemon, loads it from `transports` until `before` reports are answered, sends SIGTERM and
    /// waits for STOPPING=1 and a clean exit.
    static func stopUnderLoad(_ sandbox: Sandbox, round: Int, transports: [Transport], before: Int) async throws -> Stop {
        let daemon = try await sandbox.startDaemon()
        let tally = Tally()
        // At most 50 reports per reporter and round: 4 × 50 × 5 rounds fit in one listing (limit 1000).
        async let reporters = withTaskGroup(of: (Int, Reporter).self) { group in
            for (worker, transport) in transports.enumerated() {
                group.addTask { (worker, await Self.report(sandbox, round: round, worker: worker, via: transport, limit: 50, tally: tally)) }
            }
            return await group.reduce(into: []) { $0.append($1) }.sorted { $0.0 < $1.0 }.map(\.1)
        }
        try await eventually("\(before) reports to be answered before the stop", timeout: .seconds(30)) { tally.value >= before ? true : nil }

        let signalled = ContinuousClock.now
        daemon.send(SIGTERM)
        try await daemon.notify.waitFor("STOPPING=1", timeout: .seconds(5))
        let stopping = ContinuousClock.now - signalled
        let ended = try await daemon.waitForExit(timeout: .seconds(15))
        let exited = ContinuousClock.now - signalled
        #expect(!ended.signalled && ended.status == 0, "round \(round): oncalld ended with \(ended)\n\(sandbox.logs)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.socketPath), "a graceful stop removes the socket file")
        let seen = await reporters
        return Stop(
            reporters: seen, stopping: stopping, exited: exited,
            answeredAfterSignal: seen.reduce(0) { $0 + $1.answeredAt.filter { $0 > signalled }.count })
    }

    @Test("SIGTERM while four reporters post (two on the socket, two on TCP), five times: STOPPING=1, exit 0; every answered report stored exactly once, no request answered success for nothing")
    func sigtermUnderLoad() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        try sandbox.writeConfig(sandbox.config())
        let transports: [Transport] = [.socket, .socket, .tcp, .tcp]

        var stops: [Stop] = []
        for round in 0..<5 {
            let stop = try await Self.stopUnderLoad(sandbox, round: round, transports: transports, before: 20 + 10 * round)
            for (worker, reporter) in stop.reporters.enumerated() {
                #expect(reporter.endedCleanly, "round \(round), reporter \(worker) (\(transports[worker])) ended with: \(reporter.ending)\n\(sandbox.logs)")
            }
            stops.append(stop)
        }
        let answered = stops.flatMap { $0.reporters.flatMap(\.answered) }

        _ = try await sandbox.startDaemon()
        let stored = try await sandbox.incidents().map(\.form.subject)
        #expect(Set(stored).count == stored.count, "a report was stored twice")
        let lost = Set(answered).subtracting(stored)
        #expect(lost.isEmpty, "answered success but not stored: \(lost.sorted().prefix(10))")
        // Only a request in flight at a stop may be stored without its answer: one per reporter and stop at most.
        #expect(stored.count - answered.count <= transports.count * stops.count, "\(stored.count) stored, \(answered.count) answered")
        #expect(sandbox.logs.components(separatedBy: "stopped").count - 1 >= stops.count, "each daemon logs its graceful stop:\n\(sandbox.logs)")

        let slowest = stops.map(\.exited).max() ?? .zero
        let endings = Set(stops.flatMap { $0.reporters.map { Self.kind(of: $0.ending) } }).sorted()
        print(String(format: "SIGTERM under load: %d stops, %d reports answered (%d stored), %d answered after the signal; STOPPING=1 within %.0f ms, exit 0 within %.0f ms",
                     stops.count, answered.count, stored.count, stops.reduce(0) { $0 + $1.answeredAfterSignal },
                     (stops.map(\.stopping).max() ?? .zero).seconds * 1000, slowest.seconds * 1000)
            + "; reporters ended with: " + endings.joined(separator: ", "))
    }

    /// A reporter's ending without its port numbers, to list each kind once.
    static func kind(of ending: String) -> String {
        ending.replacingOccurrences(of: #"port \d+ after \d+ ms: "#, with: "", options: .regularExpression)
    }
}
}
