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
    static func report(_ sandbox: Sandbox, worker: Int, via transport: Transport, limit: Int, tally: Tally) async -> Reporter {
        var reporter = Reporter()
        for sequence in 0..<limit {
            let subject = "w\(worker)-\(transport.rawValue)-\(sequence)"
            do {
                let response = try await post(sampleReport(subject), key: "key-" + subject, via: transport, sandbox)
                if (200..<300).contains(response.status), let incident = try? response.decode(IncidentDTO.self), incident.form.subject == subject {
                    reporter.answered.append(subject)
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

    @Test("SIGTERM while four reporters post (two on the socket, two on TCP): STOPPING=1, exit 0; every answered report stored exactly once, and no request answered success for nothing")
    func sigtermUnderLoad() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        try sandbox.writeConfig(sandbox.config())
        let daemon = try await sandbox.startDaemon()

        let tally = Tally()
        let transports: [Transport] = [.socket, .socket, .tcp, .tcp]
        // At most 4 × 240 reports, so one listing (limit 1000) holds them all.
        async let reporters = withTaskGroup(of: Reporter.self) { group in
            for (worker, transport) in transports.enumerated() {
                group.addTask { await Self.report(sandbox, worker: worker, via: transport, limit: 240, tally: tally) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        try await eventually("60 reports to be answered before the stop", timeout: .seconds(30)) {
            tally.value >= 60 ? true : nil
        }

        let signalled = ContinuousClock.now
        daemon.send(SIGTERM)
        try await daemon.notify.waitFor("STOPPING=1", timeout: .seconds(5))
        let stopping = ContinuousClock.now - signalled
        let ended = try await daemon.waitForExit(timeout: .seconds(15))
        let exited = ContinuousClock.now - signalled
        #expect(!ended.signalled && ended.status == 0, "oncalld ended with \(ended)\n\(sandbox.logs)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.socketPath), "a graceful stop removes the socket file")

        let seen = await reporters
        let answered = seen.flatMap(\.answered)
        for (worker, reporter) in seen.enumerated() {
            #expect(reporter.endedCleanly, "reporter \(worker) (\(transports[worker])) ended with: \(reporter.ending)\n\(sandbox.logs)")
        }

        _ = try await sandbox.startDaemon()
        let stored = try await sandbox.incidents().map(\.form.subject)
        #expect(Set(stored).count == stored.count, "a report was stored twice")
        let lost = Set(answered).subtracting(stored)
        #expect(lost.isEmpty, "answered success but not stored: \(lost.sorted().prefix(10))")
        // Only a request in flight at the stop may be stored without its answer: one per reporter at most.
        #expect(stored.count - answered.count <= transports.count, "\(stored.count) stored, \(answered.count) answered")
        let log = sandbox.logs
        #expect(log.contains("stopped"), "the first daemon logs its graceful stop:\n\(log)")
        let timings = String(format: "STOPPING=1 after %.0f ms, exit 0 after %.0f ms", stopping.seconds * 1000, exited.seconds * 1000)
        print("SIGTERM under load: \(answered.count) reports answered (\(stored.count) stored); \(timings); endings: "
            + seen.map(\.ending).joined(separator: " | "))
    }
}
}
