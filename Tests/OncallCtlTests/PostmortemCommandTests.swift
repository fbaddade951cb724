import ArgumentParser
import Foundation
import OncallAPI
import OncallClient
import OncallCore
import Testing

@testable import oncallctl

@Suite("postmortem, archive, stats and documents: parsing")
struct PostmortemCommandParsingTests {
    func parse<T: ParsableCommand>(_ type: T.Type, _ arguments: [String]) throws -> T {
        try #require(try OncallCtl.parseAsRoot(arguments) as? T)
    }

    func exitStatus(_ arguments: [String]) -> Int32? {
        do {
            _ = try OncallCtl.parseAsRoot(arguments)
            return nil
        } catch {
            return OncallCtl.exitCode(for: error).rawValue
        }
    }

    /// The message ArgumentParser prints for a parse or validation failure.
    func message(_ arguments: [String]) -> String {
        do {
            _ = try OncallCtl.parseAsRoot(arguments)
            return ""
        } catch {
            return OncallCtl.message(for: error)
        }
    }

    @Test("postmortem subcommands take an incident number")
    func subcommands() throws {
        #expect(try parse(PostmortemShow.self, ["postmortem", "show", "INC-000007"]).id == IncidentNumber(7))
        #expect(try parse(PostmortemShow.self, ["postmortem", "show", "7", "--json"]).json)
        let edit = try parse(PostmortemEdit.self, ["postmortem", "edit", "inc-7", "--file", "-", "--socket", "/tmp/s"])
        #expect(edit.id == IncidentNumber(7) && edit.file == "-" && edit.global.socketPath == "/tmp/s")
        #expect(try parse(PostmortemEdit.self, ["postmortem", "edit", "7"]).file == nil)
        #expect(try parse(PostmortemSubmit.self, ["postmortem", "submit", "7"]).id.description == "INC-000007")
        let list = try parse(PostmortemList.self, ["postmortem", "list", "--state", "submitted", "--owner", "zhang.san"])
        #expect(list.state == .submitted && list.owner == "zhang.san" && list.limit == 100)
    }

    @Test("review: exactly one verdict; a rejection needs a comment")
    func review() throws {
        let approve = try parse(PostmortemReview.self, ["postmortem", "review", "7", "--approve"])
        #expect(approve.approve && !approve.reject && approve.comment == nil)
        let remark = try parse(PostmortemReview.self, ["postmortem", "review", "7", "--approve", "--comment", "写得清楚"])
        #expect(remark.comment == "写得清楚")
        let reject = try parse(PostmortemReview.self, ["postmortem", "review", "7", "--reject", "--comment", "原因写得不够具体"])
        #expect(reject.reject && !reject.approve && reject.comment == "原因写得不够具体")

        #expect(message(["postmortem", "review", "7"]).contains("give --approve or --reject"))
        #expect(message(["postmortem", "review", "7", "--approve", "--reject", "--comment", "x"]).contains("not both"))
        #expect(message(["postmortem", "review", "7", "--reject"]).contains("--reject needs --comment"))
        #expect(message(["postmortem", "review", "7", "--reject", "--comment", "  "]).contains("--comment must not be empty"))
    }

    @Test("archive search: words, filters and dates")
    func archive() throws {
        let command = try parse(ArchiveSearch.self, [
            "archive", "search", "数据库", "宕机", "--level", "L1", "--state", "resolved,closed", "--state", "acknowledged",
            "--report", "approved", "--from", "2026-11-01", "--until", "2026-12-01", "--org", "财务处", "--service", "billing",
            "--limit", "20",
        ])
        #expect(command.text == "数据库 宕机")
        #expect(command.states == ["resolved", "closed", "acknowledged"])
        #expect(command.parameters.map(\.0) == ["q", "level", "state", "report", "from", "until", "org", "service", "limit"])
        #expect(command.parameters.map(\.1) == [
            "数据库 宕机", "1", "resolved,closed,acknowledged", "approved", "2026-11-01", "2026-12-01", "财务处", "billing", "20",
        ])
        let bare = try parse(ArchiveSearch.self, ["archive", "search"])
        #expect(bare.text == nil && bare.parameters.isEmpty)
        let month = try parse(ArchiveSearch.self, ["archive", "search", "--month", "2026-02"])
        #expect(month.parameters.map { "\($0)=\($1)" } == ["month=2026-02"])
        #expect(try parse(ArchiveSearch.self, ["archive", "search", "--from", "2026-11-25T08:00:00+08:00"]).from != nil)
    }

    @Test("stats and documents")
    func statsAndDocuments() throws {
        let stats = try parse(Stats.self, ["stats", "--from", "2026-01", "--until", "2026-11", "--json"])
        #expect(stats.from == "2026-01" && stats.until == "2026-11" && stats.json)
        #expect(try parse(Stats.self, ["stats"]).from == nil)
        #expect(try parse(DocumentsList.self, ["documents", "list", "--kind", "monthly"]).kind == .monthly)
        let show = try parse(DocumentsShow.self, ["documents", "show", "weekly", "2026-W47"])
        #expect(show.kind == .weekly && show.period == "2026-W47")
    }

    @Test("month and day formats", arguments: [
        (["stats", "--from", "2026-13"], "--from must be a month such as 2026-11 (YYYY-MM)"),
        (["stats", "--until", "2026-1"], "--until must be a month such as 2026-11 (YYYY-MM)"),
        (["stats", "--from", "11/2026"], "--from must be a month"),
        (["stats", "--from", "2026-11", "--until", "2026-10"], "--until (2026-10) must not be before --from (2026-11)"),
        (["archive", "search", "--month", "2026-11-01"], "--month must be a month such as 2026-11 (YYYY-MM)"),
        (["archive", "search", "--month", "2026-00"], "--month must be a month"),
        (["archive", "search", "--from", "2026-02-30"], "--from must be a day such as 2026-11-25"),
        (["archive", "search", "--until", "yesterday"], "--until must be a day"),
        (["archive", "search", "--from", "2026-11-02", "--until", "2026-11-01"], "--until must not be before --from"),
        (["archive", "search", "--month", "2026-11", "--from", "2026-11-02"], "--month cannot be used with --from or --until"),
    ])
    func formats(arguments: [String], expected: String) {
        #expect(exitStatus(arguments) == 64)
        #expect(message(arguments).contains(expected), "\(message(arguments))")
    }

    @Test("usage errors exit 64", arguments: [
        ["postmortem", "show"], ["postmortem", "show", "X-1"], ["postmortem", "edit", "7", "--file", ""],
        ["postmortem", "review", "7"], ["postmortem", "review", "7", "--reject"], ["postmortem", "review", "7", "--approve", "--reject"],
        ["postmortem", "list", "--state", "archived"], ["postmortem", "list", "--limit", "0"], ["postmortem", "list", "--owner", " "],
        ["archive", "search", "--level", "4"], ["archive", "search", "--state", "open"], ["archive", "search", "--report", "done"],
        ["archive", "search", "--limit", "1001"], ["archive", "search", "--org", ""], ["archive", "bogus"],
        ["documents", "list", "--kind", "daily"], ["documents", "show", "yearly", "2026"], ["documents", "show", "weekly"],
        ["documents", "show", "weekly", " "], ["stats", "--month", "2026-11"],
    ])
    func usage(_ arguments: [String]) {
        #expect(exitStatus(arguments) == 64, "\(arguments)")
    }

    @Test("--socket before a group's subcommand is moved after it", arguments: [
        (["--socket", "/s", "postmortem", "edit", "7"], ["postmortem", "edit", "--socket", "/s", "7"]),
        (["--socket=/s", "archive", "search", "宕机"], ["archive", "search", "--socket=/s", "宕机"]),
        (["--socket", "/s", "documents", "list"], ["documents", "list", "--socket", "/s"]),
        (["--socket", "/s", "stats", "--json"], ["stats", "--socket", "/s", "--json"]),
    ])
    func socketPlacement(input: [String], expected: [String]) throws {
        let moved = GlobalOptions.movingSocketAfterSubcommand(input)
        #expect(moved == expected)
        #expect(exitStatus(moved) == nil)
    }
}

@Suite("archive query strings")
struct ArchiveQueryTests {
    @Test("every value is percent-encoded as UTF-8; only unreserved characters stay")
    func strictEncoding() {
        #expect(OncallClient.escapeQueryStrictly("数据库") == "%E6%95%B0%E6%8D%AE%E5%BA%93")
        #expect(OncallClient.escapeQueryStrictly("a b&c=d+e,f/g?h#i%j") == "a%20b%26c%3Dd%2Be%2Cf%2Fg%3Fh%23i%25j")
        #expect(OncallClient.escapeQueryStrictly("AZaz09-._~") == "AZaz09-._~")
        #expect(OncallClient.escapeQueryStrictly("财务处；（上海）") == "%E8%B4%A2%E5%8A%A1%E5%A4%84%EF%BC%9B%EF%BC%88%E4%B8%8A%E6%B5%B7%EF%BC%89")
    }

    @Test("a search command becomes /v1/archive?…")
    func path() throws {
        let command = try #require(try OncallCtl.parseAsRoot([
            "archive", "search", "数据库", "宕机", "&", "level=1", "--org", "财务处", "--state", "resolved,closed", "--month", "2026-11",
        ]) as? ArchiveSearch)
        #expect(OncallClient.requestPath("/v1/archive", command.parameters)
            == "/v1/archive?q=%E6%95%B0%E6%8D%AE%E5%BA%93%20%E5%AE%95%E6%9C%BA%20%26%20level%3D1&state=resolved%2Cclosed"
            + "&month=2026-11&org=%E8%B4%A2%E5%8A%A1%E5%A4%84")
        #expect(OncallClient.requestPath("/v1/archive", []) == "/v1/archive")
        // What the daemon's query parser (percent-decoding each value) gets back.
        let query = String(OncallClient.requestPath("/v1/archive", command.parameters).split(separator: "?")[1])
        let decoded = query.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1)
            return "\(parts[0])=\(String(parts[1]).removingPercentEncoding ?? "")"
        }
        #expect(decoded == ["q=数据库 宕机 & level=1", "state=resolved,closed", "month=2026-11", "org=财务处"])
    }
}

@Suite("postmortem, archive, stats and documents: text")
struct PostmortemTextTests {
    let utc = TimeZone(identifier: "UTC")!
    let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    static func decode<T: Decodable>(_ type: T.Type, _ json: String) -> T {
        try! APIDates.decoder.decode(T.self, from: Data(json.utf8))
    }

    static func report(
        incident: String = "INC-000007", state: String = "draft", owner: String = "zhang.san", cause: String = "", fix: String = "",
        submitted: String? = nil, extra: String = ""
    ) -> PostmortemDTO {
        decode(PostmortemDTO.self, """
            {"incident": "\(incident)", "state": "\(state)", "owner": "\(owner)", "language": "zh",
             "sections": {"cause": "\(cause)", "fix": "\(fix)", "process": "", "prevention": " \\n"},
             "created_at": "2026-11-25T01:00:00Z", "updated_at": "2026-11-25T01:30:00Z",
             \(submitted.map { "\"submitted_at\": \"\($0)\"," } ?? "") "reviews": [], "reminders_sent": 0 \(extra)}
            """)
    }

    @Test("compact durations: two units at most", arguments: [
        (nil, "-"), (0, "0s"), (0.4, "0s"), (45, "45s"), (59.6, "1m00s"), (270, "4m30s"), (305, "5m05s"), (3599, "59m59s"),
        (3600, "1h00m"), (3900.4, "1h05m"), (7260, "2h01m"), (86_399, "23h59m"), (93_600, "1d02h"), (-5, "0s"),
    ] as [(Double?, String)])
    func durations(seconds: Double?, expected: String) {
        #expect(ArchiveText.duration(seconds) == expected)
    }

    @Test("percentages")
    func percentages() {
        #expect(ArchiveText.percent(nil) == "-")
        #expect(ArchiveText.percent(0) == "0%")
        #expect(ArchiveText.percent(0.25) == "25%")
        #expect(ArchiveText.percent(2.0 / 3.0) == "66.7%")
        #expect(ArchiveText.percent(1) == "100%")
    }

    @Test("after an edit: the state and the sections still empty, by both names")
    func saved() {
        #expect(PostmortemText.saved(Self.report(cause: "磁盘写满")) == [
            "INC-000007 report saved (state: draft)",
            "still empty: 解决方法 (fix), 解决经过 (how the fix went), 预防措施 (prevention)",
        ])
        let done = Self.decode(PostmortemDTO.self, """
            {"incident": "INC-000008", "state": "draft", "owner": "o", "language": "en",
             "sections": {"cause": "a", "fix": "b", "process": "c", "prevention": "d"},
             "created_at": "2026-11-25T01:00:00Z", "updated_at": "2026-11-25T01:30:00Z", "reviews": [], "reminders_sent": 0}
            """)
        #expect(PostmortemText.saved(done) == [
            "INC-000008 report saved (state: draft)",
            "all four sections are written; submit it with: oncallctl postmortem submit INC-000008",
        ])
    }

    @Test("review confirmations: the sha256 on approval")
    func reviewed() {
        let approved = Self.report(state: "approved", extra: #", "approved_by": "li.si", "sha256": "ab12""#)
        #expect(PostmortemText.reviewed(approved, approve: true) == "INC-000007 report approved by li.si and archived (state: approved); sha256 ab12")
        #expect(PostmortemText.reviewed(Self.report(), approve: false) == "INC-000007 report sent back to zhang.san (state: draft)")
        #expect(PostmortemText.submitted(Self.report(state: "submitted")) == "INC-000007 report submitted for review (state: submitted)")
    }

    @Test("the postmortem list table, with local times and CJK owners")
    func listTable() {
        let lines = PostmortemText.table([
            Self.report(state: "submitted", owner: "张三", submitted: "2026-11-25T02:00:00Z"),
            Self.report(incident: "INC-000012", owner: "li.si"),
        ], timeZone: shanghai)
        #expect(lines == [
            "INCIDENT    STATE      OWNER  UPDATED           SUBMITTED",
            "INC-000007  submitted  张三   2026-11-25 09:30  2026-11-25 10:00",
            "INC-000012  draft      li.si  2026-11-25 09:30  -",
        ], "\(lines.joined(separator: "\n"))")
    }

    @Test("archive hits: aligned by display width, the snippet on an indented second line")
    func archiveTable() {
        let result = Self.decode(ArchiveResultDTO.self, """
            {"hits": [
              {"incident": {"id": "INC-000012", "number": 12, "level": 1, "state": "closed", "subject": "数据库宕机",
                            "organisation": "财务处", "reporter": "张三", "reported_at": "2026-11-25T00:05:00Z", "reported_by": "x"},
               "report": "approved", "snippet": "…磁盘[写满]导致\\n数据库停止…"},
              {"incident": {"id": "INC-000003", "number": 3, "level": 2, "state": "reported", "subject": "Disk full on the mail relay",
                            "organisation": "IT", "reporter": "Li", "reported_at": "2026-11-24T16:00:00Z", "reported_by": "x"},
               "snippet": ""}
            ]}
            """)
        let lines = ArchiveText.table(result.hits, timeZone: shanghai, subjectWidth: 12, snippetWidth: 40)
        #expect(lines == [
            "INCIDENT    LVL  REPORTED          ORGANISATION  SUBJECT       REPORT",
            "INC-000012  L1   2026-11-25 08:05  财务处        数据库宕机    approved",
            "    …磁盘[写满]导致 数据库停止…",
            "INC-000003  L2   2026-11-25 00:00  IT            Disk full o…  -",
        ], "\(lines.joined(separator: "\n"))")
    }

    @Test("statistics: per month and level, then per month and branch")
    func statistics() {
        let figures = Self.decode(StatisticsDTO.self, """
            {"from": "2026-10", "until": "2026-11",
             "levels": [
               {"month": "2026-11", "level": 1, "count": 4, "escalated": 1, "escalation_rate": 0.25, "mean_to_acknowledge_s": 270,
                "p90_to_acknowledge_s": 3900, "mean_to_resolve_s": 7260, "p90_to_resolve_s": 93600},
               {"month": "2026-11", "level": 3, "count": 12, "escalated": 0, "escalation_rate": 0}],
             "branches": [
               {"month": "2026-11", "branch": "上海分公司", "visits": 3, "met": 2, "missed": 1, "pending": 1, "compliance": 0.6666667},
               {"month": "2026-11", "branch": "bj", "visits": 0, "met": 0, "missed": 0, "pending": 0}]}
            """)
        let lines = ArchiveText.statistics(figures)
        #expect(lines == [
            "Incidents by month and level, 2026-10 to 2026-11:",
            "MONTH    LEVEL  COUNT  ESCALATED  ACK MEAN  ACK P90  RESOLVE MEAN  RESOLVE P90",
            "2026-11  L1     4      1 (25%)    4m30s     1h05m    2h01m         1d02h",
            "2026-11  L3     12     0 (0%)     -         -        -             -",
            "",
            "Field visit deadlines by month and branch, 2026-10 to 2026-11:",
            "MONTH    BRANCH      VISITS  MET  MISSED  PENDING  COMPLIANCE",
            "2026-11  上海分公司  3       2    1       1        66.7%",
            "2026-11  bj          0       0    0       0        -",
        ], "\(lines.joined(separator: "\n"))")

        let empty = ArchiveText.statistics(Self.decode(StatisticsDTO.self, #"{"from": "2026-11", "until": "2026-11", "levels": [], "branches": []}"#))
        #expect(empty == [
            "Incidents by month and level, 2026-11:", "  no incidents", "",
            "Field visit deadlines by month and branch, 2026-11:", "  no field visits",
        ])
    }

    @Test("documents: the last day covered, local times")
    func documents() {
        let list = Self.decode(PeriodicDocumentListDTO.self, """
            {"documents": [{"kind": "weekly", "period": "2026-W47", "from": "2026-11-15T16:00:00Z", "until": "2026-11-22T16:00:00Z",
                            "generated_at": "2026-11-23T01:00:00Z"}]}
            """)
        #expect(ArchiveText.documents(list.documents, timeZone: shanghai) == [
            "KIND    PERIOD    FROM        TO          GENERATED",
            "weekly  2026-W47  2026-11-16  2026-11-22  2026-11-23 09:00",
        ])
    }
}

@Suite("the editor")
struct EditorTests {
    @Test("$VISUAL, else $EDITOR, else vi; empty values do not count")
    func choice() {
        #expect(Editor.command(environment: [:]) == "vi")
        #expect(Editor.command(environment: ["EDITOR": "nano"]) == "nano")
        #expect(Editor.command(environment: ["EDITOR": "nano", "VISUAL": "code --wait"]) == "code --wait")
        #expect(Editor.command(environment: ["EDITOR": "nano", "VISUAL": " "]) == "nano")
        #expect(Editor.command(environment: ["EDITOR": ""]) == "vi")
    }

    @Test("the temporary file is private (0600) and holds the text")
    func temporaryFile() throws {
        let path = try Editor.makeTemporaryFile(Data("## 原因\n".utf8), name: "INC-000007")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(path.hasSuffix(".md") && path.contains("oncallctl-INC-000007-"))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(FileManager.default.contents(atPath: path) == Data("## 原因\n".utf8))
    }

    @Test("an editor command with arguments gets the file as its last argument; its status is returned")
    func run() throws {
        let path = try Editor.makeTemporaryFile(Data("x\n".utf8), name: "t")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try Editor.run("printf '%s\\n' 'with spaces' >>", file: path) == 0)
        #expect(FileManager.default.contents(atPath: path) == Data("x\nwith spaces\n".utf8))
        #expect(try Editor.run("exit 3; :", file: path) == 3)
    }
}
