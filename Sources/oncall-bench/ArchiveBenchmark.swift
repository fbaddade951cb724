import Foundation
import GRDB
import OncallStore

/// `oncall-bench archive`: the release daemon on a state directory holding `archived` closed
/// incidents with approved reports and `open` reported ones (timers pending, due tomorrow); prints
/// its start time to `READY=1`, its RSS, the database's size and archive searches through the
/// HTTP API (`GET /v1/archive?q=…`, one connection), p50/p95/max per query shape.
struct ArchiveBenchmark {
    var archived = 1_000_000
    var open = 100_000
    var queries = 50
    var daemonBinary: String
    var template = "config/oncalld.yaml"

    init(arguments: [String], daemonBinary: String) {
        func value(_ flag: String) -> String? { arguments.firstIndex(of: flag).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil } }
        if arguments.contains("--quick") { (archived, open, queries) = (100_000, 10_000, 20) }
        archived = value("--archived").flatMap(Int.init) ?? archived
        open = value("--open").flatMap(Int.init) ?? open
        template = value("--config") ?? template
        self.daemonBinary = daemonBinary
    }

    /// Query shapes: a term in many reports and one in ten (short terms are LIKE scans, longer ones
    /// the trigram index), two English words, a term with a level filter, and no term (newest first).
    static let cases: [(name: String, query: String)] = [
        ("2 chars 登录 (common)", "q=登录"),
        ("2 chars 磁带 (10 hits)", "q=磁带"),
        ("4 chars 登录超时 (common)", "q=登录超时"),
        ("5 chars 磁带机故障 (10 hits)", "q=磁带机故障"),
        ("2 words database timeout", "q=database%20timeout"),
        ("证书过期 + level 1", "q=证书过期&level=1"),
        ("no term, newest first", "limit=50"),
    ]

    func run() async throws {
        let directory = NSTemporaryDirectory() + "oncall-bench-archive-" + UUID().uuidString.prefix(8)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let daemon = try BenchDaemon(template: template, directory: directory)
        try FileManager.default.createDirectory(atPath: daemon.statePath, withIntermediateDirectories: true)
        let databasePath = daemon.statePath + "/oncalld.sqlite"

        let clock = ContinuousClock()
        let fillStart = clock.now
        try fill(databasePath)
        let filled = clock.now - fillStart
        let bytes = (["", "-wal"].compactMap { try? FileManager.default.attributesOfItem(atPath: databasePath + $0)[.size] as? Int }).reduce(0, +)

        try await daemon.start(binary: daemonBinary)
        defer { daemon.stop() }
        let started = daemon.memory
        print(IngestBenchmark.header)
        print(IngestBenchmark.row("store fill (bench, SQL)", notes: String(
            format: "%d archived + %d open incidents in %.1f s; database %.0f MiB", archived, open, filled.timeInterval, Double(bytes) / 1_048_576)))
        print(IngestBenchmark.row("oncalld start to READY=1", notes: String(format: "%.0f ms", daemon.startDuration.milliseconds)))
        print(IngestBenchmark.row("oncalld memory after start", notes: String(format: "RSS %.0f MiB", started.resident)))

        let client = LoadClient(target: .tcp(host: "127.0.0.1", port: daemon.port), connections: 1)
        let bearer = [("Authorization", "Bearer \(daemon.token)")]
        for (name, query) in Self.cases {
            // The request line must be ASCII: the Chinese terms go percent-encoded, as a browser sends them.
            let encoded = query.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? query
            let result = try await client.run(total: queries, method: .GET) { _ in
                .init(path: "/v1/archive?" + encoded, headers: bearer, body: [])
            }
            print(Self.row("search " + name, result))
        }
        let after = daemon.memory
        print(IngestBenchmark.row("oncalld memory after searches", notes: String(format: "RSS %.0f MiB (peak %.0f)", after.resident, after.peak)))
    }

    /// Searches are reported at p95 (the issue's figure) rather than p99.
    static func row(_ name: String, _ result: LoadClient.Result) -> String {
        let failures = result.failureSummary.isEmpty ? "" : "FAILED \(result.failureSummary); "
        return IngestBenchmark.pad([
            name, String(result.answered), String(format: "%.2f", result.elapsed.timeInterval), String(format: "%.0f", result.perSecond),
            String(format: "%.1f", result.percentile(0.5).milliseconds), String(format: "%.1f", result.percentile(0.95).milliseconds),
            String(format: "%.1f", result.latencies.last?.milliseconds ?? 0), failures + "p95 in the p99 column",
        ])
    }

    /// Writes the incidents with SQL (a million through the store would take most of an hour): the
    /// store's own schema (opened once through `SQLiteStore`), text drawn from word lists by id, the
    /// search index, a report per archived incident and a timeline of reported…closed.
    private func fill(_ path: String) throws {
        try SQLiteStore(path: path).close()
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF")
            db.add(function: ArchiveBigrams.function)
        }
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        let systems = #"["订单系统","仓储管理","收银终端","数据库主库","邮件网关","payment service","login portal","VPN gateway","报表平台","门店网络"]"#
        let symptoms = #"["登录超时","响应缓慢","无法打印","数据不同步","database timeout","connection refused","磁盘空间不足","证书过期","接口报错","页面空白","同步延迟"]"#
        let causes = #"["配置错误","网络抖动","证书到期未续","磁盘写满","连接池耗尽","版本缺陷","上游服务故障","人为误操作","DNS 解析失败"]"#
        let fixes = #"["回滚版本","扩容磁盘","重启服务","更换证书","调整连接池","切换备用线路","修正配置"]"#
        let now = Date().timeIntervalSince1970
        let total = archived + open
        let chunk = 100_000
        for first in stride(from: 1, through: total, by: chunk) {
            let last = min(total, first + chunk - 1)
            try queue.write { db in
                try db.execute(sql: """
                    WITH RECURSIVE n(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM n WHERE i < ?)
                    INSERT INTO incident (id, subject, organisation, reporter, situation, description, scope, service, site,
                        level, state, reportedAt, acknowledgedAt, resolvedAt, closedAt, resolutionSummary, reportedBy)
                    SELECT i,
                        json_extract(?1s, '$[' || (i % 10) || ']') || ' ' || json_extract(?2s, '$[' || ((i / 10) % 11) || ']'),
                        '仓储中心', 'bench', '部分用户受影响',
                        '第 ' || i || ' 号故障：' || json_extract(?2s, '$[' || ((i / 7) % 11) || ']') || '，用户反馈'
                            || json_extract(?1s, '$[' || ((i / 3) % 10) || ']') || '不可用'
                            || CASE WHEN i % (? / 10) = 0 THEN '，磁带机故障' ELSE '' END,
                        'part', 'WMS', 'CN-31', 1 + (i % 3),
                        CASE WHEN i <= ? THEN 'closed' ELSE 'reported' END,
                        ? - (? - i) * 60, CASE WHEN i <= ? THEN ? - (? - i) * 60 + 120 END,
                        CASE WHEN i <= ? THEN ? - (? - i) * 60 + 1800 END, CASE WHEN i <= ? THEN ? - (? - i) * 60 + 3600 END,
                        CASE WHEN i <= ? THEN json_extract(?4s, '$[' || (i % 7) || ']') END, 'bench'
                    FROM n
                    """.replacingOccurrences(of: "?1s", with: "'\(systems)'").replacingOccurrences(of: "?2s", with: "'\(symptoms)'")
                        .replacingOccurrences(of: "?4s", with: "'\(fixes)'"),
                    arguments: [first, last, archived, archived, now, total, archived, now, total, archived, now, total,
                                archived, now, total, archived])
                try db.execute(sql: """
                    INSERT INTO postmortem (incidentId, state, owner, language, sections, createdAt, updatedAt, submittedAt,
                        archiveMarkdown, approvedBy, approvedAt)
                    SELECT id, 'approved', 'bench', 'zh',
                        json_object('cause', json_extract(?3s, '$[' || (id % 9) || ']'), 'fix', resolutionSummary, 'process', '', 'prevention', '加强监控'),
                        closedAt, closedAt, closedAt,
                        '# ' || subject || char(10) || '原因：' || json_extract(?3s, '$[' || (id % 9) || ']') || char(10)
                            || '处理：' || resolutionSummary || char(10) || '预防：加强监控与演练',
                        'bench', closedAt
                    FROM incident WHERE id BETWEEN ? AND ? AND state = 'closed'
                    """.replacingOccurrences(of: "?3s", with: "'\(causes)'"), arguments: [first, last])
                try db.execute(sql: """
                    INSERT INTO timelineEvent (incidentId, at, kind, actor, details)
                    SELECT id, reportedAt, 'reported', 'bench', '{}' FROM incident WHERE id BETWEEN ?1 AND ?2
                    UNION ALL SELECT id, resolvedAt, 'resolved', 'bench', '{}' FROM incident WHERE id BETWEEN ?1 AND ?2 AND state = 'closed'
                    UNION ALL SELECT id, closedAt, 'closed', 'bench', '{}' FROM incident WHERE id BETWEEN ?1 AND ?2 AND state = 'closed'
                    """, arguments: [first, last])
                try db.execute(sql: """
                    INSERT INTO timer (incidentId, kind, dueAt)
                    SELECT id, 'emergency_escalation', ? FROM incident WHERE id BETWEEN ? AND ? AND state = 'reported'
                    """, arguments: [now + 86_400, first, last])
                try db.execute(sql: """
                    INSERT INTO incidentSearch (rowid, subject, body, notes, report)
                    SELECT i.id, i.subject, COALESCE(i.description, '') || char(10) || COALESCE(i.situation, '') || char(10)
                            || char(10) || COALESCE(i.resolutionSummary, ''),
                        '', COALESCE(p.archiveMarkdown, '')
                    FROM incident i LEFT JOIN postmortem p ON p.incidentId = i.id WHERE i.id BETWEEN ? AND ?
                    """, arguments: [first, last])
                try db.execute(sql: """
                    INSERT INTO incidentSearchBigram (rowid, text)
                    SELECT rowid, oncall_bigrams(subject || char(10) || body || char(10) || notes || char(10) || report)
                    FROM incidentSearch WHERE rowid BETWEEN ? AND ?
                    """, arguments: [first, last])
            }
        }
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try queue.close()
    }
}
