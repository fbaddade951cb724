import Foundation
import OncallCore

/// `oncall-bench ingest`: the release daemon and Prometheus Alertmanager side by side under the same
/// closed-loop client, same concurrency, same number of posts. Every oncalld answer comes after its
/// report is committed (fsynced); Alertmanager keeps alerts in memory.
struct IngestBenchmark {
    var posts = 20_000
    var connections = 32
    var stormPosts = 2_000
    var daemonBinary: String
    var template = "config/oncalld.yaml"
    /// `--only socket,http,level1,webhook,storm,alertmanager`: a subset of the runs (for profiling one).
    var only: Set<String>?

    init(arguments: [String]) throws {
        func value(_ flag: String) -> String? { arguments.firstIndex(of: flag).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil } }
        if arguments.contains("--quick") {
            posts = 4_000
            stormPosts = 300
        }
        posts = value("--posts").flatMap(Int.init) ?? posts
        connections = value("--connections").flatMap(Int.init) ?? connections
        stormPosts = value("--storm-posts").flatMap(Int.init) ?? stormPosts
        template = value("--config") ?? template
        only = value("--only").map { Set($0.split(separator: ",").map(String.init)) }
        // The daemon built next to this benchmark (same configuration, release or debug).
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        daemonBinary = value("--oncalld") ?? here.appendingPathComponent("oncalld").path
        guard FileManager.default.isExecutableFile(atPath: daemonBinary) else {
            throw BenchError("no oncalld at \(daemonBinary): build it first (swift build -c release --product oncalld)")
        }
    }

    func run() async throws {
        let directory = NSTemporaryDirectory() + "oncall-bench-ingest-" + UUID().uuidString.prefix(8)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        print("oncall-bench ingest  (\(ProcessInfo.processInfo.activeProcessorCount) cores, \(posts) posts per run, \(connections) connections,"
              + " \(daemonBinary.contains("/release/") ? "release" : "NOT a release build") daemon)")
        let daemon = try BenchDaemon(template: template, directory: directory + "/oncalld")
        try await daemon.start(binary: daemonBinary)
        defer { daemon.stop() }
        print(Self.header)
        print(Self.row("oncalld start to READY=1", notes: String(format: "%.0f ms (empty store)", daemon.startDuration.milliseconds)))

        let http = LoadClient(target: .tcp(host: "127.0.0.1", port: daemon.port), connections: connections)
        let socket = LoadClient(target: .unix(path: daemon.socketPath), connections: connections)
        let bearer = [("Authorization", "Bearer \(daemon.token)")]
        let amBearer = [("Authorization", "Bearer \(daemon.alertmanagerToken)")]
        let runID = UUID().uuidString.prefix(8)

        func wanted(_ run: String) -> Bool { only?.contains(run) ?? true }
        let viaSocket = try await measured(daemon.pid, socket, total: wanted("socket") ? posts : 0) { .init(path: "/v1/incidents", body: Payloads.report($0)) }
        print(Self.row("oncalld POST /v1/incidents (socket)", viaSocket.result, notes: viaSocket.cpu + memoryNote(daemon.memory)))
        let viaHTTP = try await measured(daemon.pid, http, total: wanted("http") ? posts : 0) { .init(path: "/v1/incidents", headers: bearer, body: Payloads.report($0)) }
        print(Self.row("oncalld POST /v1/incidents (HTTP)", viaHTTP.result, notes: viaHTTP.cpu + memoryNote(daemon.memory)))
        let levelOne = try await measured(daemon.pid, http, total: wanted("level1") ? posts / 4 : 0) {
            .init(path: "/v1/incidents", headers: bearer, body: Payloads.levelOneReport($0))
        }
        print(Self.row("oncalld POST /v1/incidents, level 1 (HTTP)", levelOne.result, notes: levelOne.cpu + memoryNote(daemon.memory)))
        let viaWebhook = try await measured(daemon.pid, http, total: wanted("webhook") ? posts : 0) {
            .init(path: "/v1/inbound/alertmanager/prometheus", headers: amBearer, body: Payloads.webhook(group: "\(runID)-\($0)", alerts: 1, firstAlert: $0))
        }
        print(Self.row("oncalld Alertmanager webhook, 1 alert", viaWebhook.result, notes: viaWebhook.cpu + memoryNote(daemon.memory)))
        let storm = try await measured(daemon.pid, http, total: wanted("storm") ? stormPosts : 0) {
            .init(path: "/v1/inbound/alertmanager/prometheus", headers: amBearer,
                  body: Payloads.webhook(group: "storm-\($0 % 50)", alerts: 100, firstAlert: ($0 % 50) * 100))
        }
        print(Self.row("oncalld storm: 100 alerts × 50 groups", storm.result, notes: storm.cpu + memoryNote(daemon.memory) + ", 5,000 alerts re-fired"))

        var ratio: Double?
        var stormRatio: Double?
        if wanted("alertmanager"), BenchAlertmanager.isInstalled {
            let alertmanager = try await BenchAlertmanager(directory: directory + "/alertmanager")
            defer { alertmanager.stop() }
            let am = LoadClient(target: .tcp(host: "127.0.0.1", port: alertmanager.port), connections: connections)
            let single = try await measured(alertmanager.pid, am, total: posts) {
                .init(path: "/api/v2/alerts", body: Payloads.alerts(count: 1, first: $0, run: String(runID)))
            }
            print(Self.row("alertmanager POST /api/v2/alerts, 1 alert", single.result, notes: single.cpu + memoryNote(alertmanager.memory)))
            let amStorm = try await measured(alertmanager.pid, am, total: stormPosts) {
                .init(path: "/api/v2/alerts", body: Payloads.alerts(count: 100, first: ($0 % 50) * 100, run: "storm"))
            }
            print(Self.row("alertmanager storm: 100 alerts × 50", amStorm.result, notes: amStorm.cpu + memoryNote(alertmanager.memory)))
            ratio = viaHTTP.result.perSecond / single.result.perSecond
            stormRatio = storm.result.perSecond / amStorm.result.perSecond
        } else {
            print("alertmanager: not installed (apt-get install prometheus-alertmanager) — no ratio")
        }
        if let stormRatio { print(String(format: "oncalld/alertmanager storm ratio: %.2f", stormRatio)) }
        if let ratio { print(String(format: "oncalld/alertmanager ingest ratio: %.2f", ratio)) }
    }

    /// A load run with the server's CPU time per answered post (user + system), which a busy machine
    /// disturbs much less than the rate.
    func measured(
        _ pid: Int32, _ client: LoadClient, total: Int, request: @escaping @Sendable (Int) -> LoadClient.Request
    ) async throws -> (result: LoadClient.Result, cpu: String) {
        let before = ProcessCPU.of(pid)
        let result = try await client.run(total: total, request: request)
        let used = ProcessCPU.of(pid) - before
        return (result, String(format: "CPU %.2f ms/post; ", used.milliseconds / Double(max(1, result.answered))))
    }

    func memoryNote(_ memory: (resident: Double, peak: Double)) -> String {
        String(format: "RSS %.0f MiB (peak %.0f)", memory.resident, memory.peak)
    }

    static let widths = [40, 7, 8, 9, 8, 8, 8, 0]
    static var header: String {
        pad(["run", "posts", "seconds", "posts/s", "p50 ms", "p99 ms", "max ms", "notes"])
    }

    static func row(_ name: String, _ result: LoadClient.Result? = nil, notes: String = "") -> String {
        guard let result else { return pad([name, "", "", "", "", "", "", notes]) }
        let failures = result.failureSummary.isEmpty ? "" : "FAILED \(result.failureSummary); "
        return pad([
            name, String(result.answered), String(format: "%.2f", result.elapsed.timeInterval), String(format: "%.0f", result.perSecond),
            String(format: "%.1f", result.percentile(0.5).milliseconds), String(format: "%.1f", result.percentile(0.99).milliseconds),
            String(format: "%.1f", result.latencies.last?.milliseconds ?? 0), failures + notes,
        ])
    }

    static func pad(_ columns: [String]) -> String {
        zip(columns, widths).map { text, width in
            width == 0 ? text : text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0)
        }.joined(separator: " ")
    }
}

/// The bodies posted: a report form, an Alertmanager webhook group, Alertmanager's own alert list.
enum Payloads {
    /// A helpdesk's fault report: part of the users affected, outage start not given, so level 3
    /// (the on-call engineers are told; the escalation timer is set for 10 minutes).
    static func report(_ index: Int) -> [UInt8] {
        Array("""
        {"subject":"订单系统响应缓慢 \(index)","description":"bench report \(index)","organisation":"仓储中心","reporter":"bench",\
        "scope":"part","service":"WMS"}
        """.utf8)
    }

    /// A level 1 report (most systems down for hours): everyone in the chain is told at once and the
    /// emergency group's escalation fires at once (the example's `emergency_after_by_level: {1: 0s}`).
    static func levelOneReport(_ index: Int) -> [UInt8] {
        Array("""
        {"subject":"全部系统无法登录 \(index)","description":"bench report \(index)","organisation":"仓储中心","reporter":"bench",\
        "scope":"all","service":"WMS","outage_started":"2026-12-01T08:00:00+08:00"}
        """.utf8)
    }

    static func webhook(group: String, alerts: Int, firstAlert: Int) -> [UInt8] {
        let list = (firstAlert..<(firstAlert + alerts)).map { alert in
            """
            {"status":"firing","labels":{"alertname":"DiskFull","instance":"host-\(alert)","severity":"critical"},\
            "annotations":{"summary":"disk full on host-\(alert)"},"startsAt":"2026-12-01T00:00:00Z","endsAt":"0001-01-01T00:00:00Z",\
            "generatorURL":"http://prometheus/graph","fingerprint":"\(String(alert, radix: 16))"}
            """
        }.joined(separator: ",")
        return Array("""
        {"version":"4","groupKey":"{}:{group=\\"\(group)\\"}","truncatedAlerts":0,"status":"firing","receiver":"oncalld",\
        "groupLabels":{"group":"\(group)"},"commonLabels":{"alertname":"DiskFull"},"commonAnnotations":{},\
        "externalURL":"http://alertmanager:9093","alerts":[\(list)]}
        """.utf8)
    }

    static func alerts(count: Int, first: Int, run: String) -> [UInt8] {
        let list = (first..<(first + count)).map { alert in
            """
            {"labels":{"alertname":"DiskFull","instance":"host-\(alert)","run":"\(run)","severity":"critical"},\
            "annotations":{"summary":"disk full on host-\(alert)"},"generatorURL":"http://prometheus/graph"}
            """
        }.joined(separator: ",")
        return Array("[\(list)]".utf8)
    }
}
