import Foundation
import OncallAPI
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 6 end to end: a Chinese incident resolved through the real socket gets a draft report,
/// which is written, submitted, approved by the emergency group, archived to disk with its SHA-256,
/// found by a two-character Chinese search, and counted in the statistics.
extension EndToEnd {
@Suite("fault reports and the archive through the real daemon")
struct PostmortemEndToEndTests {
    /// This test process's login: the socket caller, made a member of the emergency group.
    static var login: String { String(cString: getpwuid(getuid())!.pointee.pw_name) }

    static func config(_ sandbox: Sandbox, extra: [String] = []) -> String {
        sandbox.config().replacingOccurrences(of: """
            people:
              - id: zhang.wei
                name: 张伟
            project_managers: [zhang.wei]
            """, with: """
            people:
              - id: zhang.wei
                name: 张伟
              - id: chen.jie
                name: 陈杰
                unix_user: \(login)
            project_managers: [zhang.wei]
            emergency_group: [chen.jie]
            """) + extra.joined(separator: "\n") + "\n"
    }

    func json(_ value: [String: Any]) throws -> Data { try JSONSerialization.data(withJSONObject: value) }

    @Test("resolve drafts; edit, submit, approve archives a file whose SHA-256 matches; edits are then refused; search and statistics find it")
    func workflow() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        try sandbox.writeConfig(Self.config(sandbox))
        _ = try await sandbox.startDaemon()

        let incident = try await sandbox.report(ReportRequest(
            subject: "用户登录超时", organisation: "华东区客服中心", reporter: "王芳", description: "所有门店无法登录收银系统", scope: .part, service: "pos"))
        let id = incident.id
        #expect(try await sandbox.request("GET", "/v1/incidents/\(id)/postmortem").status == 404, "no report before resolution")
        #expect(try await sandbox.request("POST", "/v1/incidents/\(id)/notes", body: json(["text": "排查发现会话缓存失效"])).status == 200)
        #expect(try await sandbox.request("POST", "/v1/incidents/\(id)/resolve", body: json(["summary": "重启缓存集群"])).status == 200)

        let draft = try await sandbox.request("GET", "/v1/incidents/\(id)/postmortem")
        #expect(draft.status == 200, "\(draft.text)\n\(sandbox.logs)")
        let drafted = try draft.decode(PostmortemDTO.self)
        #expect(drafted.state == "draft")
        #expect(drafted.owner == "chen.jie", "the resolver (this login) owns the report")
        let markdown = try #require(drafted.markdown)
        for text in ["用户登录超时", "华东区客服中心", "## 原因", "## 解决方法", "## 解决经过", "## 预防措施", "排查发现会话缓存失效"] {
            #expect(markdown.contains(text), "the draft lacks \(text):\n\(markdown)")
        }

        // Submitting an empty draft is refused by name; then the sections are written.
        let early = try await sandbox.request("POST", "/v1/incidents/\(id)/postmortem/submit", body: Data("{}".utf8))
        #expect(early.status == 422, "\(early.text)")
        #expect(early.apiError?.message.contains("原因") == true, "\(early.text)")
        let sections = ["cause": "会话缓存集群主节点内存耗尽", "fix": "扩容并重启缓存集群", "process": "10:05 发现，10:20 恢复", "prevention": "增加缓存内存告警"]
        let edited = try await sandbox.request("PUT", "/v1/incidents/\(id)/postmortem", body: json(["sections": sections]))
        #expect(edited.status == 200, "\(edited.text)")
        // An editor opened on the earlier draft may not overwrite that save.
        let stale = markdown.replacingOccurrences(of: "## 原因", with: "## 原因\n\n旧稿")
        let conflict = try await sandbox.request("PUT", "/v1/incidents/\(id)/postmortem", body: json(["markdown": stale, "base": markdown]))
        #expect(conflict.status == 409 && conflict.apiError?.code == "edit_conflict", "\(conflict.text)")
        #expect(try await sandbox.request("POST", "/v1/incidents/\(id)/postmortem/submit", body: Data("{}".utf8)).status == 200)
        let rejectWithout = try await sandbox.request("POST", "/v1/incidents/\(id)/postmortem/review", body: json(["approve": false]))
        #expect(rejectWithout.status == 422, "\(rejectWithout.text)")

        let approved = try await sandbox.request("POST", "/v1/incidents/\(id)/postmortem/review", body: json(["approve": true]))
        #expect(approved.status == 200, "\(approved.text)\n\(sandbox.logs)")
        let report = try approved.decode(PostmortemDTO.self)
        #expect(report.state == "approved")
        let sha = try #require(report.sha256)

        // The archive file is the approved text, byte for byte, and its hash is the stored one.
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        let file = "\(sandbox.stateDir)/reports/\(year)/\(id).md"
        let bytes = try #require(FileManager.default.contents(atPath: file), "no archive file at \(file)")
        let digest = try await ChildProcess.run("/usr/bin/sha256sum", [file])
        #expect(digest.stdout.hasPrefix(sha), "sha256sum says \(digest.stdout), the store says \(sha)")
        #expect(String(decoding: bytes, as: UTF8.self).contains("会话缓存集群主节点内存耗尽"))
        #expect(FileManager.default.fileExists(atPath: "\(sandbox.stateDir)/reports/\(year)/\(id).html"))
        let shown = try await oncallctl(["postmortem", "show", id, "--socket", sandbox.socketPath])
        #expect(shown.status == 0, "\(shown)")
        #expect(Data(shown.stdout.utf8) == bytes || Data((shown.stdout).utf8) == bytes + Data("\n".utf8), "show prints the archived text")

        let late = try await sandbox.request("PUT", "/v1/incidents/\(id)/postmortem", body: json(["sections": sections]))
        #expect(late.status == 409, "an archived report refuses edits: \(late.text)")
        #expect(late.apiError?.message.contains("archived") == true, "\(late.text)")

        // A second incident that does not mention logging in.
        _ = try await sandbox.report(ReportRequest(subject: "打印机卡纸", organisation: "仓储中心", reporter: "李雷"))
        for (query, expected) in [("登录", [id]), ("缓存失效", [id]), ("内存耗尽", [id]), ("卡纸", ["INC-000002"]), ("不存在的词", [])] {
            let found = try await sandbox.request("GET", "/v1/archive?q=" + query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            #expect(found.status == 200, "\(found.text)")
            let hits = try found.decode(ArchiveResultDTO.self).hits.map(\.incident.id)
            #expect(hits == expected, "search \(query) found \(hits)")
        }
        let filtered = try await sandbox.request("GET", "/v1/archive?report=approved&level=2&org=%E5%8D%8E%E4%B8%9C%E5%8C%BA%E5%AE%A2%E6%9C%8D%E4%B8%AD%E5%BF%83")
        #expect(try filtered.decode(ArchiveResultDTO.self).hits.map(\.incident.id) == [id], "\(filtered.text)")
        #expect(try await sandbox.request("GET", "/v1/archive?colour=red").status == 400)

        let metrics = try await sandbox.request("GET", "/metrics")
        #expect(metricValue("oncalld_postmortems{state=\"approved\"}", in: metrics.text) == 1, "\(metrics.text)")
        #expect(metricValue("oncalld_postmortems{state=\"draft\"}", in: metrics.text) == 0, "\(metrics.text)")
        let statistics = try await sandbox.request("GET", "/v1/statistics")
        #expect(statistics.status == 200, "\(statistics.text)")
        let figures = try statistics.decode(StatisticsDTO.self)
        #expect(figures.levels.map(\.count).reduce(0, +) == 2, "\(statistics.text)")
        #expect(figures.levels.first { $0.level == 2 }?.meanToResolve != nil, "\(statistics.text)")
    }

    @Test("an approved report's missing archive file is written again at the next start")
    func archiveRestoredAtStart() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        try sandbox.writeConfig(Self.config(sandbox))
        let daemon = try await sandbox.startDaemon()
        let id = try await sandbox.report(ReportRequest(subject: "Checkout fails", organisation: "Shop", reporter: "Ann")).id
        _ = try await sandbox.request("POST", "/v1/incidents/\(id)/resolve", body: json(["summary": "rolled back"]))
        let sections = ["cause": "bad deploy", "fix": "rollback", "process": "found in 5 minutes", "prevention": "canary"]
        _ = try await sandbox.request("PUT", "/v1/incidents/\(id)/postmortem", body: json(["sections": sections]))
        _ = try await sandbox.request("POST", "/v1/incidents/\(id)/postmortem/submit", body: Data("{}".utf8))
        let report = try await sandbox.request("POST", "/v1/incidents/\(id)/postmortem/review", body: json(["approve": true])).decode(PostmortemDTO.self)
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        let file = "\(sandbox.stateDir)/reports/\(year)/\(id).md"
        let original = try #require(FileManager.default.contents(atPath: file))
        #expect(String(decoding: original, as: UTF8.self).contains("# Fault report"), "an English incident gets an English report")

        daemon.send(SIGKILL)
        for _ in 0..<250 where daemon.isRunning { usleep(20_000) }
        try FileManager.default.removeItem(atPath: file)
        _ = try await sandbox.startDaemon()
        // Rewritten beside the listeners, after READY=1: wait for the file, then compare.
        let rewritten = try await eventually("the archive file written again") { FileManager.default.contents(atPath: file) }
        #expect(rewritten == original)
        let digest = try await ChildProcess.run("/usr/bin/sha256sum", [file])
        #expect(digest.stdout.hasPrefix(report.sha256 ?? "-"))
    }
}
}
