import Foundation
import Testing

/// Runs the built `oncallctl` binary's fault-report, archive, stats and documents commands against
/// `Fixtures/fake_archive.py` on a Unix socket, with a fake editor script.
@Suite("postmortem, archive, stats and documents end to end", .enabled(if: TestServer.pythonAvailable && oncallctlBinary != nil, "needs python3 and the built oncallctl"))
struct PostmortemEndToEndTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// A scratch directory for the fake editor, its log and the temporary files oncallctl makes (`TMPDIR`).
    let scratch: URL = {
        let url = URL(filePath: "/tmp/octl-pm-\(UUID().uuidString.prefix(8).lowercased())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    func run(_ arguments: [String], socket: String, stdin: String = "", environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = try #require(oncallctlBinary)
        process.arguments = arguments + ["--socket", socket]
        process.environment = ["TZ": "UTC", "PATH": "/usr/bin:/bin", "TMPDIR": scratch.path].merging(environment) { $1 }
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }

    func withDaemon(_ body: (String) throws -> Void) throws {
        let path = TestServer.temporarySocketPath()
        let server = try TestServer(script: "fake_archive.py", unixSocket: path)
        defer {
            server.stop()
            try? FileManager.default.removeItem(at: scratch)
        }
        try body(path)
    }

    /// A fake editor: `fake-editor.sh HEADING TEXT FILE` appends TEXT on the line after `## HEADING`, and logs
    /// the file's path and mode to `editor.log`. Its name has a space, so EDITOR must quote it.
    func makeEditor() throws -> String {
        let script = scratch.appending(path: "fake editor.sh")
        let log = scratch.appending(path: "editor.log").path
        try """
            #!/bin/sh
            heading="$1"; text="$2"; file="$3"
            printf '%s %s\\n' "$file" "$(stat -c %a "$file")" >> '\(log)'
            awk -v h="## $heading" -v t="$text" '{ print } $0 == h { print t }' "$file" > "$file.new" || exit 2
            cat "$file.new" > "$file" && rm "$file.new"
            """.write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        return "'\(script.path)'"
    }

    /// The `path mode` lines the fake editor logged.
    func editorLog() -> [String] {
        let text = (try? String(contentsOf: scratch.appending(path: "editor.log"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    /// What the commands sent to the fake daemon.
    func requests(_ socket: String) throws -> [[String: String]] {
        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/env")
        process.arguments = ["curl", "-s", "--unix-socket", socket, "http://localhost/requests"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let list = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        return list.map { $0.compactMapValues { $0 as? String } }
    }

    @Test("edit: the fake editor appends under a heading; the report is saved; the temporary file was private and is gone")
    func editWithEditor() throws {
        try withDaemon { socket in
            let editor = try makeEditor()
            let result = try run(
                ["postmortem", "edit", "INC-000007"], socket: socket, environment: ["EDITOR": "\(editor) 原因 '磁盘写满，数据库停止写入。'"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == """
                INC-000007 report saved (state: draft)
                still empty: 解决方法 (fix), 解决经过 (how the fix went), 预防措施 (prevention)

                """)
            #expect(result.stderr == "")
            let log = editorLog()
            try #require(log.count == 1)
            let parts = log[0].split(separator: " ")
            #expect(parts.last == "600")
            let file = String(parts[0])
            #expect(file.hasPrefix(scratch.path + "/oncallctl-INC-000007-") && file.hasSuffix(".md"))
            #expect(!FileManager.default.fileExists(atPath: file))

            let sent = try requests(socket)
            #expect(sent.map { "\($0["method"] ?? "") \($0["path"] ?? "")" } == [
                "GET /v1/incidents/INC-000007/postmortem?format=markdown", "PUT /v1/incidents/INC-000007/postmortem",
            ])
            #expect(sent[0]["accept"] == "text/markdown")
            let body = try JSONSerialization.jsonObject(with: Data((sent[1]["body"] ?? "").utf8)) as? [String: String]
            #expect(body?.keys.sorted() == ["base", "markdown"], "the fetched text goes along so a concurrent save is detected")
            #expect(body?["base"]?.contains("磁盘写满") == false, "base is the document as fetched, before the edit")
            #expect(body?["markdown"]?.contains("## 原因\n磁盘写满，数据库停止写入。\n") == true)

            let shown = try run(["postmortem", "show", "7"], socket: socket)
            #expect(shown.status == 0)
            #expect(shown.stdout.hasPrefix("# 故障报告 INC-000007\n"))
            #expect(shown.stdout.contains("## 原因\n\n磁盘写满，数据库停止写入。\n\n## 解决方法"))
            let json = try run(["postmortem", "show", "7", "--json"], socket: socket)
            #expect(json.stdout.contains("\"cause\" : \"磁盘写满，数据库停止写入。\""))
            #expect(json.stdout.contains("\"markdown\" : \"# 故障报告 INC-000007"))
        }
    }

    @Test("edit: $VISUAL wins over $EDITOR; an unchanged file is 'no changes' and nothing is sent")
    func editUnchanged() throws {
        try withDaemon { socket in
            let result = try run(["postmortem", "edit", "7"], socket: socket, environment: ["VISUAL": "true", "EDITOR": "false"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == "no changes\n")
            #expect(try requests(socket).map { $0["method"] ?? "" } == ["GET"])
            #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter { $0.hasPrefix("oncallctl-") }.isEmpty)
        }
    }

    @Test("edit: a failing editor is exit 1, nothing is saved, and the file is kept and named")
    func editorFails() throws {
        try withDaemon { socket in
            let result = try run(["postmortem", "edit", "7"], socket: socket, environment: ["EDITOR": "echo 写了一半 >> \"$1\"; exit 4; :"])
            #expect(result.status == 1)
            #expect(result.stdout == "")
            let kept = try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter { $0.hasPrefix("oncallctl-INC-000007-") }
            try #require(kept.count == 1)
            let path = scratch.appending(path: kept[0]).path
            #expect(result.stderr == "oncallctl: the editor (echo 写了一半 >> \"$1\"; exit 4; :) exited with status 4; the report was not saved; your copy is in \(path)\n")
            #expect(try String(contentsOfFile: path, encoding: .utf8).hasSuffix("写了一半\n"))
            #expect(try requests(socket).map { $0["method"] ?? "" } == ["GET"])
        }
    }

    @Test("edit: a document the daemon refuses is exit 1 with its reason; the edited copy is kept")
    func editRefused() throws {
        try withDaemon { socket in
            let result = try run(["postmortem", "edit", "7"], socket: socket, environment: ["EDITOR": "sed -i 's/^## 原因$/## 起因/'"])
            #expect(result.status == 1)
            let lines = result.stderr.split(separator: "\n").map(String.init)
            try #require(lines.count == 2, "\(result.stderr)")
            #expect(lines[0] == "oncallctl: the edited report cannot be read: missing heading '## 原因' (cause)")
            #expect(lines[1].hasPrefix("oncallctl: the report was not saved; your copy is in \(scratch.path)/oncallctl-INC-000007-"))
        }
    }

    @Test("the whole cycle without an editor: --file, stdin, submit, reject, approve (sha256), list")
    func cycle() throws {
        try withDaemon { socket in
            let document = """
                # anything here is regenerated
                ## Cause
                Disk full.
                ## Fix
                Freed space.
                ## How the fix went
                Alert at 09:05, fixed at 09:40.
                ## Prevention
                <!-- hint -->
                """
            let file = scratch.appending(path: "report.md")
            try document.write(to: file, atomically: true, encoding: .utf8)
            let partial = try run(["postmortem", "edit", "8", "--file", file.path], socket: socket)
            #expect(partial.status == 0, "\(partial.stderr)")
            #expect(partial.stdout == "INC-000008 report saved (state: draft)\nstill empty: 预防措施 (prevention)\n")

            let early = try run(["postmortem", "submit", "8"], socket: socket)
            #expect(early.status == 1)
            #expect(early.stderr == "oncallctl: the report is not complete: write 预防措施 (prevention)\n")

            let full = try run(
                ["postmortem", "edit", "8", "--file", "-"], socket: socket,
                stdin: document.replacingOccurrences(of: "<!-- hint -->", with: "Disk alerts at 80%."))
            #expect(full.stdout == "INC-000008 report saved (state: draft)\nall four sections are written; submit it with: oncallctl postmortem submit INC-000008\n")

            #expect(try run(["postmortem", "submit", "8"], socket: socket).stdout == "INC-000008 report submitted for review (state: submitted)\n")
            let rejected = try run(["postmortem", "review", "8", "--reject", "--comment", "预防措施要具体"], socket: socket)
            #expect(rejected.stdout == "INC-000008 report sent back to zhang.san (state: draft)\n")
            #expect(try run(["postmortem", "submit", "8"], socket: socket).status == 0)

            let list = try run(["postmortem", "list"], socket: socket)
            #expect(list.stdout == """
                INCIDENT    STATE      OWNER      UPDATED           SUBMITTED
                INC-000007  draft      zhang.san  2026-11-25 02:00  -
                INC-000008  submitted  zhang.san  2026-11-25 03:00  2026-11-25 04:00

                """)
            #expect(try run(["postmortem", "list", "--state", "approved"], socket: socket).stderr == "no approved fault reports\n")

            let approved = try run(["postmortem", "review", "8", "--approve"], socket: socket)
            #expect(approved.status == 0)
            let sha = try #require(approved.stdout.split(separator: " ").last).trimmingCharacters(in: .newlines)
            #expect(approved.stdout == "INC-000008 report approved by li.si and archived (state: approved); sha256 \(sha)\n")
            #expect(sha.count == 64 && sha.allSatisfy(\.isHexDigit))
            let frozen = try run(["postmortem", "edit", "8", "--file", file.path], socket: socket)
            #expect(frozen.status == 1)
            #expect(frozen.stderr == "oncallctl: the report of INC-000008 is approved: only a draft can be edited\n")

            let sent = try requests(socket).filter { $0["path"]?.hasSuffix("/review") == true || $0["path"]?.hasSuffix("/submit") == true }
            #expect(sent.map { $0["body"] ?? "" } == [
                "{}", "{}", #"{"approve":false,"comment":"预防措施要具体"}"#, "{}", #"{"approve":true}"#,
            ])
        }
    }

    @Test("a report that does not exist: exit 1 and the daemon's reason")
    func noReport() throws {
        try withDaemon { socket in
            for arguments in [["postmortem", "show", "9"], ["postmortem", "edit", "9"], ["postmortem", "submit", "9"]] {
                let result = try run(arguments, socket: socket, environment: ["EDITOR": "true"])
                #expect(result.status == 1, "\(arguments)")
                #expect(result.stderr == "oncallctl: incident INC-000009 has no fault report: one is drafted when it is resolved\n")
            }
        }
    }

    @Test("archive search: Chinese text percent-encoded, hits with snippets")
    func archive() throws {
        try withDaemon { socket in
            let result = try run(
                ["archive", "search", "数据库", "宕机", "--org", "财务处 (总部)", "--state", "closed", "--report", "approved",
                 "--month", "2026-11", "--limit", "5"], socket: socket)
            #expect(result.status == 0, "\(result.stderr)")
            let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(lines.count == 5)
            #expect(lines[0].hasPrefix("INCIDENT    LVL  REPORTED          ORGANISATION    SUBJECT"))
            #expect(lines[1].hasPrefix("INC-000012  L2   2026-11-25 00:05  财务处          query=q=%E6%95%B0%E6%8D%AE%E5%BA%93"))
            #expect(lines[1].hasSuffix("…  approved"))
            #expect(lines[2] == "    …磁盘[写满]导致数据库停止…")
            #expect(lines[3].hasPrefix("INC-000003  L1   2026-11-25 00:05  Finance 财务处  数据库连接超时"))
            #expect(lines[3].hasSuffix("  -"))
            let query = try #require(try requests(socket).first?["path"])
            #expect(query == "/v1/archive?q=%E6%95%B0%E6%8D%AE%E5%BA%93%20%E5%AE%95%E6%9C%BA&state=closed&report=approved"
                + "&month=2026-11&org=%E8%B4%A2%E5%8A%A1%E5%A4%84%20%28%E6%80%BB%E9%83%A8%29&limit=5")

            let json = try run(["archive", "search", "x", "--json"], socket: socket)
            #expect(json.stdout.contains("\"snippet\" : \"…磁盘[写满]导致数据库停止…\""))
        }
    }

    @Test("stats prints both tables; documents list and show")
    func statsAndDocuments() throws {
        try withDaemon { socket in
            let stats = try run(["stats", "--from", "2026-10"], socket: socket)
            #expect(stats.status == 0, "\(stats.stderr)")
            #expect(stats.stdout == """
                Incidents by month and level, 2026-10 to 2026-11:
                MONTH    LEVEL  COUNT  ESCALATED  ACK MEAN  ACK P90  RESOLVE MEAN  RESOLVE P90
                2026-11  L1     4      1 (25%)    4m30s     1h05m    2h01m         1d02h
                2026-11  L3     1      0 (0%)     -         -        -             -

                Field visit deadlines by month and branch, 2026-10 to 2026-11:
                MONTH    BRANCH      VISITS  MET  MISSED  PENDING  COMPLIANCE
                2026-11  上海分公司  3       2    1       1        66.7%
                2026-11  bj          0       0    0       0        -

                """)
            let until = try run(["stats", "--until", "2026-09", "--json"], socket: socket)
            #expect(until.stdout.contains("\"from\" : \"2026-09\""))
            #expect(until.stdout.contains("\"mean_to_acknowledge_s\" : 270"))

            let list = try run(["documents", "list"], socket: socket)
            #expect(list.stdout == """
                KIND     PERIOD    FROM        TO          GENERATED
                weekly   2026-W47  2026-11-16  2026-11-22  2026-11-23 01:00
                monthly  2026-10   2026-10-01  2026-10-31  2026-11-01 01:00

                """)
            #expect(try run(["documents", "list", "--kind", "monthly"], socket: socket).stdout.split(separator: "\n").count == 2)
            #expect(try run(["documents", "show", "weekly", "2026-W47"], socket: socket).stdout == "# 周报 2026-W47\n\n本周故障 4 起。\n")
            let missing = try run(["documents", "show", "monthly", "2026-09"], socket: socket)
            #expect(missing.status == 1)
            #expect(missing.stderr == "oncallctl: no monthly document for 2026-09\n")

            let paths = try requests(socket).map { $0["path"] ?? "" }
            #expect(paths == [
                "/v1/statistics?from=2026-10", "/v1/statistics?from=2026-09&until=2026-09", "/v1/documents", "/v1/documents?kind=monthly",
                "/v1/documents/weekly/2026-W47", "/v1/documents/monthly/2026-09",
            ])
        }
    }

    @Test("the daemon unreachable: exit 69")
    func unreachable() throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        let result = try run(["postmortem", "list"], socket: "/tmp/octl-nothing-here.sock")
        #expect(result.status == 69)
        #expect(result.stderr.hasPrefix("oncallctl: cannot reach oncalld at /tmp/octl-nothing-here.sock"))
    }
}
