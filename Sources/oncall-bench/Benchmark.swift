import Foundation
import OncallCore
import OncallStore
import OncallTesting

/// `oncall-bench`: throughput of the durable write path (group commit) and of the pure domain;
/// `oncall-bench ingest` runs the release daemon against Alertmanager (IngestBenchmark), `timers`
/// with 100,000 pending timers, `archive` with 1,000,000 archived incidents, `daemon` all three.
/// Prints aligned tables; compare runs by eye or with `diff`. Build in release:
/// `swift run -c release oncall-bench [--reports N]`.
@main
struct Benchmark {
    static func main() async throws {
        let arguments = CommandLine.arguments
        if let mode = arguments.dropFirst().first, ["ingest", "timers", "archive", "daemon"].contains(mode) {
            do {
                let ingest = try IngestBenchmark(arguments: arguments)
                if ["ingest", "daemon"].contains(mode) { try await ingest.run() }
                if ["timers", "daemon"].contains(mode) { try await TimerBenchmark(arguments: arguments, daemonBinary: ingest.daemonBinary).run() }
                if ["archive", "daemon"].contains(mode) { try await ArchiveBenchmark(arguments: arguments, daemonBinary: ingest.daemonBinary).run() }
            } catch {
                FileHandle.standardError.write(Data("oncall-bench \(mode): \(error)\n".utf8))
                exit(1)
            }
            return
        }
        let reports = arguments.firstIndex(of: "--reports").flatMap { Int(arguments[$0 + 1]) } ?? 2000
        print("oncall-bench  (\(ProcessInfo.processInfo.activeProcessorCount) cores, \(reports) reports per store run)")
        print(row("benchmark", "ops", "seconds", "ops/s", "notes"))
        for concurrency in [1, 8, 64] {
            try await storeReports(count: concurrency == 1 ? min(reports, 500) : reports, concurrency: concurrency)
        }
        try await archiveSearch(incidents: reports * 5, queries: 200)
        classify(count: 1_000_000)
        openIncidents(count: 200_000)
        workingTime(count: 100_000)
    }

    static func row(_ columns: String...) -> String {
        let widths = [38, 9, 9, 11, 0]
        return zip(columns, widths).map { text, width in
            width == 0 ? text : text.padding(toLength: width, withPad: " ", startingAt: 0)
        }.joined(separator: " ")
    }

    static func report(_ name: String, ops: Int, elapsed: Duration, notes: String = "") {
        let seconds = elapsed.timeInterval
        print(row(name, String(ops), String(format: "%.3f", seconds), String(format: "%.0f", Double(ops) / seconds), notes))
    }

    /// Durable reports (fsync per commit) with `concurrency` writers in flight.
    static func storeReports(count: Int, concurrency: Int) async throws {
        let directory = NSTemporaryDirectory() + "oncall-bench-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try SQLiteStore(path: directory + "/bench.sqlite")
        let policy = IncidentPolicy()
        let clock = ContinuousClock()
        let start = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    for index in stride(from: worker, to: count, by: concurrency) {
                        _ = try await store.incidents.create(idempotencyKey: nil) { id in
                            try IncidentLifecycle.open(
                                .fixture(subject: "fault \(index)", outageStarted: t0), id: id, actor: "bench", policy: policy, now: t0)
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = clock.now - start
        let statistics = try await store.statistics()
        let perCommit = Double(statistics.committedWrites) / Double(max(1, statistics.commitBatches))
        report("store.report (concurrency \(concurrency))", ops: count, elapsed: elapsed,
               notes: "\(statistics.commitBatches) commits, \(String(format: "%.1f", perCommit)) reports/commit")
    }

    /// Archive searches over `incidents` stored incidents: a two-character Chinese term (LIKE on the
    /// trigram index), a longer one (MATCH), two English words, and a term with a level filter.
    static func archiveSearch(incidents: Int, queries: Int) async throws {
        let directory = NSTemporaryDirectory() + "oncall-bench-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try SQLiteStore(path: directory + "/bench.sqlite")
        let policy = IncidentPolicy()
        let systems = ["订单系统", "仓储管理", "收银终端", "数据库主库", "邮件网关", "payment service", "login portal", "VPN gateway"]
        let symptoms = ["登录超时", "响应缓慢", "无法打印", "数据不同步", "database timeout", "connection refused", "磁盘空间不足", "证书过期"]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<64 {
                group.addTask {
                    for index in stride(from: worker, to: incidents, by: 64) {
                        let subject = systems[index % systems.count] + " " + symptoms[(index / systems.count) % symptoms.count]
                        _ = try await store.incidents.create(idempotencyKey: nil) { id in
                            try IncidentLifecycle.open(
                                .fixture(subject: subject, scope: Scope.allCases[index % Scope.allCases.count]), id: id, actor: "bench",
                                policy: policy, now: t0)
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let cases: [(String, ArchiveQuery)] = [
            ("2 chars 登录", ArchiveQuery(text: "登录", limit: 50)),
            ("4 chars 登录超时", ArchiveQuery(text: "登录超时", limit: 50)),
            ("2 words database timeout", ArchiveQuery(text: "database timeout", limit: 50)),
            ("证书过期 + level 1", ArchiveQuery(text: "证书过期", level: .level1, limit: 50)),
        ]
        for (name, query) in cases {
            let clock = ContinuousClock()
            var hits = 0
            let start = clock.now
            for _ in 0..<queries { hits = try await store.postmortems.searchArchive(query).count }
            report("store.archiveSearch (\(name))", ops: queries, elapsed: clock.now - start, notes: "\(incidents) incidents, \(hits) hits (limit 50)")
        }
    }

    static func classify(count: Int) {
        let thresholds = LevelThresholds()
        let clock = ContinuousClock()
        var checksum = 0
        let start = clock.now
        for index in 0..<count {
            let scope = Scope.allCases[index % Scope.allCases.count]
            checksum &+= Classifier.classify(scope: scope, outage: .seconds(index % 7200), thresholds: thresholds).rawValue
        }
        report("core.classify", ops: count, elapsed: clock.now - start, notes: "checksum \(checksum)")
    }

    static func openIncidents(count: Int) {
        let policy = IncidentPolicy()
        let form = ReportForm.fixture(scope: .part, outageStarted: t0.adding(.seconds(-600)))
        let clock = ContinuousClock()
        var timers = 0
        let start = clock.now
        for index in 0..<count {
            timers += (try? IncidentLifecycle.open(form, id: IncidentNumber(Int64(index + 1)), actor: "b", policy: policy, now: t0))?.timers.count ?? 0
        }
        report("core.lifecycle.open", ops: count, elapsed: clock.now - start, notes: "\(timers) timers decided")
    }

    static func workingTime(count: Int) {
        let calendar = WorkingCalendar.standard
        let clock = ContinuousClock()
        var last = t0
        let start = clock.now
        for index in 0..<count {
            last = calendar.addingWorkingTime(.seconds(4 * 3600), to: t0.addingTimeInterval(Double(index % 10_000) * 97))
        }
        report("core.calendar.addingWorkingTime(4h)", ops: count, elapsed: clock.now - start, notes: "last \(last.timeIntervalSince1970)")
    }
}
