import Foundation
import OncallCore
import OncallStore
import OncallTesting
import Testing

/// The archive search, on SQLite (FTS5 trigram + LIKE) and on the in-memory twin alike.
@Suite("Archive search")
final class ArchiveSearchTests: Sendable {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }

    func ids(_ store: ArchiveStore, _ query: ArchiveQuery) async throws -> [Int64] {
        try await store.postmortems.searchArchive(query).map(\.incident.id.value)
    }

    func ids(_ store: ArchiveStore, _ text: String) async throws -> [Int64] {
        try await ids(store, ArchiveQuery(text: text))
    }

    @Test("Chinese substrings of two and four characters are found", arguments: ArchiveBackend.allCases)
    func chinese(_ backend: ArchiveBackend) async throws {
        let store = try await ArchiveFixture.store(backend, in: directory)
        try await ArchiveFixture.report(store, ArchiveFixture.form("订单系统无法登录", description: "用户登录超时"))
        try await ArchiveFixture.report(store, ArchiveFixture.form("仓库扫码枪离线", description: "扫码枪全部离线"), now: t0.adding(.minutes(1)))

        #expect(try await ids(store, "登录") == [1])
        #expect(try await ids(store, "登录超时") == [1])
        #expect(try await ids(store, "用户登录超时") == [1])
        #expect(try await ids(store, "扫码") == [2])
        #expect(try await ids(store, "扫码枪离") == [2])
        #expect(try await ids(store, "超时 订单") == [1], "every term must match")
        #expect(try await ids(store, "超时 扫码").isEmpty)
        #expect(try await ids(store, "登陆").isEmpty)
        #expect(try await ids(store, "系统").count == 1)
        let hit = try #require(try await store.postmortems.searchArchive(ArchiveQuery(text: "登录")).first)
        #expect(hit.snippet.contains("[登录]"), "snippet: \(hit.snippet)")
        let long = try #require(try await store.postmortems.searchArchive(ArchiveQuery(text: "登录超时")).first)
        #expect(long.snippet.contains("["), "snippet: \(long.snippet)")
        #expect(long.snippet.contains("]"), "snippet: \(long.snippet)")
        #expect(long.snippet.replacingOccurrences(of: "[", with: "").replacingOccurrences(of: "]", with: "").contains("登录超时"))
    }

    @Test("two Chinese characters are found through the bigram index, alone and with other terms", arguments: ArchiveBackend.allCases)
    func bigrams(_ backend: ArchiveBackend) async throws {
        let store = try await ArchiveFixture.store(backend, in: directory)
        try await ArchiveFixture.report(store, ArchiveFixture.form("A区打印机故障", description: "打印队列卡住，重启后恢复"))
        let second = try await ArchiveFixture.report(
            store, ArchiveFixture.form("B区扫码枪离线", description: "网络中断"), now: t0.adding(.minutes(1)))
        try await ArchiveFixture.command(store, second.id, .addNote("现场确认交换机掉电"))

        #expect(try await ids(store, "打印") == [1])
        #expect(try await ids(store, "掉电") == [2], "notes are in the bigram index")
        #expect(try await ids(store, "故障 队列") == [1], "both bigram terms must match")
        #expect(try await ids(store, "故障 中断").isEmpty)
        #expect(try await ids(store, "卡住，").isEmpty == false, "a term with punctuation is a substring match")
        #expect(try await ids(store, "住，").isEmpty == false, "punctuation in a two-character term falls back to a scan")
        #expect(try await ids(store, "A区") == [1], "a letter and an ideograph fall back to a scan")
        #expect(try await ids(store, "扫码枪 离线") == [2], "a trigram term with a bigram term")
        #expect(try await ids(store, "障打").isEmpty, "pairs are adjacent characters in the text, not across fields")
        #expect(try await ids(store, "区 区") == [2, 1], "one character is a scan, newest first")
        let hit = try #require(try await store.postmortems.searchArchive(ArchiveQuery(text: "掉电")).first)
        #expect(hit.snippet.contains("[掉电]"), "snippet: \(hit.snippet)")
    }

    @Test("English text is found case-insensitively, short terms too, and wildcards are literal", arguments: ArchiveBackend.allCases)
    func english(_ backend: ArchiveBackend) async throws {
        let store = try await ArchiveFixture.store(backend, in: directory)
        try await ArchiveFixture.report(store, ArchiveFixture.form("Payment Gateway Timeout", description: "CPU at 95% on gw_01"))
        try await ArchiveFixture.report(store, ArchiveFixture.form("Mail relay down", description: "queue 5 percent full"), now: t0.adding(.minutes(1)))

        #expect(try await ids(store, "gateway") == [1])
        #expect(try await ids(store, "TIMEOUT") == [1])
        #expect(try await ids(store, "gAtEwAy tImEoUt") == [1])
        #expect(try await ids(store, "pa") == [1], "two letters match any substring")
        #expect(try await ids(store, "PA") == [1])
        #expect(try await ids(store, "5%") == [1], "% is a literal, not a wildcard")
        #expect(try await ids(store, "w_") == [1], "_ is a literal")
        #expect(try await ids(store, "y_").isEmpty)
        #expect(try await ids(store, "%").count == 1)
        #expect(try await ids(store, "\"relay\"").isEmpty, "quotes are literal characters")
        #expect(try await ids(store, "relay DOWN") == [2])
        #expect(try await ids(store, "relay gateway").isEmpty)
        #expect(try await ids(store, "   ") == [2, 1], "blank text lists by the filters alone")
    }

    @Test("every filter narrows the result; no text lists newest first", arguments: ArchiveBackend.allCases)
    func filters(_ backend: ArchiveBackend) async throws {
        let store = try await ArchiveFixture.store(backend, in: directory)
        // 1: level 1, WMS, resolved with an approved report.
        try await ArchiveFixture.report(store, ArchiveFixture.form("数据库宕机", service: "WMS", scope: .all), now: t0)
        try await ArchiveFixture.resolve(store, IncidentNumber(1), sections: ArchiveFixture.sections())
        try await ArchiveFixture.editReport(store, IncidentNumber(1)) { ArchiveFixture.approve(&$0, markdown: "# 数据库宕机\n证书过期") }
        // 2: level 2, TMS, other organisation, resolved with a draft.
        try await ArchiveFixture.report(
            store, ArchiveFixture.form("数据库变慢", organisation: "运输中心", service: "TMS", scope: .part), now: t0.adding(.minutes(10)))
        try await ArchiveFixture.resolve(store, IncidentNumber(2), now: t0.adding(.minutes(40)))
        // 3: level 3, WMS, still open (acknowledged), no report.
        try await ArchiveFixture.report(store, ArchiveFixture.form("数据库告警", service: "WMS"), now: t0.adding(.minutes(20)))
        try await ArchiveFixture.command(store, IncidentNumber(3), .acknowledge)

        #expect(try await ids(store, ArchiveQuery()) == [3, 2, 1])
        #expect(try await ids(store, ArchiveQuery(text: "数据库")) .sorted() == [1, 2, 3])
        #expect(try await ids(store, ArchiveQuery(text: "数据库", level: .level1)) == [1])
        #expect(try await ids(store, ArchiveQuery(level: .level2)) == [2])
        #expect(try await ids(store, ArchiveQuery(text: "数据", states: [.acknowledged])) == [3])
        #expect(try await ids(store, ArchiveQuery(states: [.resolved, .reported])) == [2, 1])
        #expect(try await ids(store, ArchiveQuery(states: [])).isEmpty)
        #expect(try await ids(store, ArchiveQuery(reportState: .approved)) == [1])
        #expect(try await ids(store, ArchiveQuery(text: "数据库", reportState: .draft)) == [2])
        #expect(try await ids(store, ArchiveQuery(reportState: .submitted)).isEmpty)
        #expect(try await ids(store, ArchiveQuery(from: t0.adding(.minutes(10)))) == [3, 2])
        #expect(try await ids(store, ArchiveQuery(until: t0.adding(.minutes(10)))) == [1])
        #expect(try await ids(store, ArchiveQuery(from: t0.adding(.minutes(5)), until: t0.adding(.minutes(15)))) == [2])
        #expect(try await ids(store, ArchiveQuery(organisation: "运输中心")) == [2])
        #expect(try await ids(store, ArchiveQuery(organisation: "运输")).isEmpty, "organisation is exact")
        #expect(try await ids(store, ArchiveQuery(service: "WMS")) == [3, 1])
        #expect(try await ids(store, ArchiveQuery(service: "wms")).isEmpty, "service is exact")
        #expect(try await ids(store, ArchiveQuery(limit: 2)) == [3, 2])
        #expect(try await ids(store, ArchiveQuery(text: "数据库", limit: 1)).count == 1)

        let hits = try await store.postmortems.searchArchive(ArchiveQuery())
        #expect(hits.map(\.reportState) == [nil, .draft, .approved])
        #expect(hits.allSatisfy { $0.snippet.isEmpty }, "no text, no snippet")
        #expect(hits.last?.incident.state == .resolved)
        #expect(hits.last?.incident.resolutionSummary == "重启了服务")
    }

    @Test("the search follows notes, the resolution and report edits; the archive replaces the sections", arguments: ArchiveBackend.allCases)
    func indexFollowsChanges(_ backend: ArchiveBackend) async throws {
        let store = try await ArchiveFixture.store(backend, in: directory)
        let incident = try await ArchiveFixture.report(store, ArchiveFixture.form("接口报错"))
        #expect(try await ids(store, "磁盘").isEmpty)

        try await ArchiveFixture.command(store, incident.id, .addNote("发现磁盘已满"))
        try await ArchiveFixture.command(store, incident.id, .addNote("清理了 nginx 日志"))
        #expect(try await ids(store, "磁盘") == [1])
        #expect(try await ids(store, "磁盘已满") == [1])
        #expect(try await ids(store, "NGINX 日志") == [1])
        try await ArchiveFixture.command(store, incident.id, .acknowledge)
        #expect(try await ids(store, "磁盘已满") == [1], "a status change keeps the indexed text")

        try await ArchiveFixture.resolve(store, incident.id, summary: "扩容了数据盘")
        #expect(try await ids(store, "扩容") == [1])

        try await ArchiveFixture.editReport(store, incident.id) { $0.sections.cause = "日志轮转失效" }
        #expect(try await ids(store, "轮转失效") == [1])
        try await ArchiveFixture.editReport(store, incident.id) { $0.sections.cause = "定时任务未运行" }
        #expect(try await ids(store, "轮转失效").isEmpty, "an edited section replaces the old text")
        #expect(try await ids(store, "定时任务") == [1])

        try await ArchiveFixture.editReport(store, incident.id) { ArchiveFixture.approve(&$0, markdown: "# 接口报错\n\n## 原因\n\n日志盘写满\n") }
        #expect(try await ids(store, "日志盘写满") == [1], "the archived Markdown is indexed")
        #expect(try await ids(store, "定时任务").isEmpty, "the sections give way to the archive")
        #expect(try await ids(store, "磁盘已满") == [1], "notes stay")
        #expect(try await store.postmortems.searchArchive(ArchiveQuery(text: "写满")).first?.reportState == .approved)
    }

    @Test("relevance orders MATCH results and the snippet brackets the match")
    func ranking() async throws {
        let store = try await ArchiveFixture.store(.sqlite, in: directory)
        // The strong match is the older one, so relevance must beat recency.
        try await ArchiveFixture.report(store, ArchiveFixture.form("Database outage", description: "the database is down; database unreachable"))
        let weak = try await ArchiveFixture.report(
            store, ArchiveFixture.form("Slow reports", description: "reports page is slow"), now: t0.adding(.minutes(5)))
        try await ArchiveFixture.command(
            store, weak.id, .addNote("long note about many things, the network, the cache, and somewhere in passing the database layer"))

        let hits = try await store.postmortems.searchArchive(ArchiveQuery(text: "database"))
        #expect(hits.map(\.incident.id.value) == [1, 2])
        for hit in hits {
            #expect(hit.snippet.contains("[") && hit.snippet.contains("]"), "snippet: \(hit.snippet)")
            #expect(hit.snippet.lowercased().contains("[database]"), "snippet: \(hit.snippet)")
        }
        // Without a term long enough for MATCH: newest first, snippet built around the first match.
        let short = try await store.postmortems.searchArchive(ArchiveQuery(text: "ca"))
        #expect(short.map(\.incident.id.value) == [2])
        #expect(short.first?.snippet.contains("[ca]") == true, "snippet: \(short.first?.snippet ?? "")")
    }
}
