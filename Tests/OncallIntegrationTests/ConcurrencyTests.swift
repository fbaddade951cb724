import Foundation
import OncallTesting
import OncallAPI
import OncallClient
import Testing

/// Issue test 10: many reports at once.
extension EndToEnd {
@Suite("Concurrent reports")
struct ConcurrencyTests {
    @Test("64 concurrent reports over the socket get the distinct numbers 1…64 and are all listed")
    func sixtyFourConcurrentReports() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        try sandbox.writeConfig(sandbox.config())
        _ = try await sandbox.startDaemon()
        let socketPath = sandbox.socketPath

        let numbers = try await withThrowingTaskGroup(of: Int64.self) { group in
            for index in 1...64 {
                group.addTask {
                    // Each report has its own client on its own thread, so all 64 are in flight together.
                    try await offThread {
                        let client = OncallClient(socketPath: socketPath, timeout: .seconds(20), retryDelays: [])
                        return try client.report(sampleReport("concurrent report #\(index)"), idempotencyKey: UUID().uuidString).number
                    }
                }
            }
            var numbers: [Int64] = []
            for try await number in group { numbers.append(number) }
            return numbers
        }
        #expect(numbers.count == 64)
        #expect(Set(numbers) == Set(1...64), "numbers: \(numbers.sorted())")

        let listed = try await sandbox.incidents()
        #expect(listed.count == 64)
        #expect(Set(listed.map(\.number)) == Set(1...64))
        #expect(Set(listed.map(\.subject)) == Set((1...64).map { "concurrent report #\($0)" }))

        let metrics = try await sandbox.request("GET", "/metrics")
        #expect(metrics.status == 200)
        let writes = try #require(metricValue("oncalld_store_committed_writes", in: metrics.text), "\(metrics.text)")
        #expect(writes >= 64, "oncalld_store_committed_writes = \(writes)")
        let commits = try #require(metricValue("oncalld_store_commits", in: metrics.text), "\(metrics.text)")
        #expect(commits >= 1 && commits <= writes)
    }
}
}
