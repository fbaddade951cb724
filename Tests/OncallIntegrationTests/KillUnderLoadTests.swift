import Foundation
import OncallTesting
import OncallAPI
import OncallClient
import Testing

/// Issue 11: `kill -9` under ingest load, again and again, loses no answered report and no timer.
extension EndToEnd {
@Suite("kill -9 under load")
struct KillUnderLoadTests {
    /// Reports from `workers` concurrent clients until the daemon goes away; the subjects answered with success.
    static func load(_ sandbox: Sandbox, round: Int, workers: Int) async -> [String] {
        await withTaskGroup(of: [String].self) { group in
            for worker in 0..<workers {
                group.addTask {
                    var answered: [String] = []
                    // No retries: a report whose answer is lost is simply not counted as answered.
                    let client = OncallClient(socketPath: sandbox.socketPath, timeout: .seconds(5), retryDelays: [])
                    // At most 12 per worker and round: 20 rounds of 4 workers stay under the 1,000 one list returns.
                    for sequence in 0..<12 {
                        let subject = "r\(round)-w\(worker)-\(sequence)"
                        let form = sampleReport(subject)
                        let key = "key-" + subject
                        guard (try? await offThread({ try client.report(form, idempotencyKey: key) })) != nil else { break }
                        answered.append(subject)
                    }
                    return answered
                }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
    }

    @Test("20 kills at random moments: every answered report is there exactly once, and every timer fires exactly once")
    func twentyKills() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        try sandbox.writeConfig(sandbox.config(emergencyAfter: "2s"))
        var answered: [String] = []
        for round in 0..<20 {
            let daemon = try await sandbox.startDaemon()
            async let reports = Self.load(sandbox, round: round, workers: 4)
            try await Task.sleep(for: .milliseconds(Int.random(in: 30...300)))
            try await daemon.kill()
            answered += await reports
        }
        #expect(answered.count >= 40, "only \(answered.count) reports were answered in 20 rounds")

        _ = try await sandbox.startDaemon()
        let stored = try await sandbox.incidents()
        let subjects = stored.map(\.form.subject)
        #expect(Set(subjects).count == subjects.count, "a report was stored twice")
        let missing = Set(answered).subtracting(subjects)
        #expect(missing.isEmpty, "answered but lost: \(missing.sorted().prefix(10))")

        // Every incident's 2 s timer was due while some daemon was down or running; each fires exactly once.
        let escalated = try await eventually("every incident to be escalated", timeout: .seconds(20)) {
            let all = try await sandbox.incidents()
            return all.allSatisfy { $0.state == "escalated" } ? all : nil
        }
        for incident in escalated {
            let shown = try await sandbox.show(incident.id)
            let escalations = (shown.timeline ?? []).filter { $0.kind == "escalated" }.count
            #expect(escalations == 1, "\(incident.id) escalated \(escalations) times")
        }
        print("kill -9 under load: \(answered.count) answered reports over 20 kills, \(stored.count) stored, none lost or doubled")
    }
}
}
