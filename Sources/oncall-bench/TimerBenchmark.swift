import Foundation
import GRDB
import OncallCore
import OncallStore
import OncallTesting

/// `oncall-bench timers`: `count` reported incidents whose 10-minute escalation timers fall due in
/// one window shortly after the release daemon starts on them; prints how late each fired
/// (the daemon's `firedAt` minus `dueAt`), its RSS with them all open, and its start time.
struct TimerBenchmark {
    var count = 100_000
    var window: Duration = .seconds(10)
    var daemonBinary: String
    var template = "config/oncalld.yaml"

    init(arguments: [String], daemonBinary: String) {
        func value(_ flag: String) -> String? { arguments.firstIndex(of: flag).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil } }
        if arguments.contains("--quick") { count = 10_000 }
        count = value("--timers").flatMap(Int.init) ?? count
        template = value("--config") ?? template
        self.daemonBinary = daemonBinary
    }

    func run() async throws {
        let directory = NSTemporaryDirectory() + "oncall-bench-timers-" + UUID().uuidString.prefix(8)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let daemon = try BenchDaemon(template: template, directory: directory)
        try FileManager.default.createDirectory(atPath: daemon.statePath, withIntermediateDirectories: true)
        let databasePath = daemon.statePath + "/oncalld.sqlite"

        // Fill the daemon's own database first, with the default policy (escalation 10 minutes after the
        // report); the window opens once the fill is done and the daemon has had time to start.
        // The timers are written due an hour ahead, then moved, in one statement, to a window that opens a
        // few seconds after the fill ends (however long it took) and before the daemon is started.
        let clock = ContinuousClock()
        let fillStart = clock.now
        let placeholder = Date().addingTimeInterval(3600)
        try await fill(databasePath, windowOpens: placeholder)
        let filled = clock.now - fillStart
        let windowOpens = Date().addingTimeInterval(5)
        let writer = try DatabaseQueue(path: databasePath)
        try await writer.write { db in
            try db.execute(sql: "UPDATE timer SET dueAt = dueAt - ? WHERE kind = 'emergency_escalation' AND status = 'pending'",
                           arguments: [placeholder.timeIntervalSince(windowOpens)])
        }
        try writer.close()
        try await daemon.start(binary: daemonBinary)
        defer { daemon.stop() }
        let openMemory = daemon.memory
        print(IngestBenchmark.header)
        print(IngestBenchmark.row("oncalld start to READY=1", notes: String(format: "%.0f ms with %d open incidents", daemon.startDuration.milliseconds, count)))
        print(IngestBenchmark.row("store fill (bench, in process)", notes: String(format: "%d incidents in %.1f s", count, filled.timeInterval)))

        // Wait for every escalation timer of the window to fire (bounded: the window plus a minute).
        let reader = try DatabaseQueue(path: databasePath, configuration: { var c = Configuration(); c.readonly = true; return c }())
        let deadline = windowOpens.addingTimeInterval(window.timeInterval + 60)
        var pending = count
        while pending > 0, Date() < deadline {
            try await Task.sleep(for: .milliseconds(500))
            pending = try await reader.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM timer WHERE kind = 'emergency_escalation' AND status = 'pending'") ?? 0
            }
        }
        let lateness = try await reader.read { db in
            try Double.fetchAll(db, sql: "SELECT firedAt - dueAt FROM timer WHERE kind = 'emergency_escalation' AND status = 'fired' ORDER BY 1")
        }
        guard !lateness.isEmpty else { throw BenchError("no escalation timer fired; see \(directory)/oncalld.log") }
        func at(_ p: Double) -> Double { lateness[min(lateness.count - 1, Int((Double(lateness.count) * p).rounded(.up)) - 1)] * 1000 }
        let columns = ["timers fired late by (ms)", String(lateness.count), "", "", String(format: "%.1f", at(0.5)),
                       String(format: "%.1f", at(0.99)), String(format: "%.1f", lateness.last! * 1000),
                       "\(pending) still pending; \(count) due within \(window)"]
        print(IngestBenchmark.pad(columns))
        print(IngestBenchmark.row("oncalld memory", notes: String(
            format: "RSS %.0f MiB with %d open incidents (after firing: %.0f MiB, peak %.0f)",
            openMemory.resident, count, daemon.memory.resident, daemon.memory.peak)))
    }

    /// `count` incidents reported 10 minutes before their timer's due time, spread over the window.
    private func fill(_ path: String, windowOpens: Date) async throws {
        let store = try SQLiteStore(path: path)
        let policy = IncidentPolicy()
        let (count, window) = (count, window.timeInterval)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<64 {
                group.addTask {
                    for index in stride(from: worker, to: count, by: 64) {
                        let due = windowOpens.addingTimeInterval(window * Double(index) / Double(count))
                        let reported = due.addingTimeInterval(-600)
                        _ = try await store.incidents.create(idempotencyKey: nil) { id in
                            try IncidentLifecycle.open(
                                .fixture(subject: "timer bench \(index)", scope: .part, outageStarted: reported), id: id, actor: "bench",
                                policy: policy, now: reported)
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        try store.close()
    }
}
