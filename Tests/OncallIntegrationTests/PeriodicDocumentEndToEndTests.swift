import Foundation
import OncallAPI
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 6, regular documents through the real daemon: the weekly report's schedule is durable, a
/// report due while the daemon was down is written at the next start, to a file, to the API, and by
/// email to `reports.recipients` through the real SMTP sink.
extension EndToEnd {
@Suite("weekly report through the real daemon")
struct PeriodicDocumentEndToEndTests {
    @Test("a weekly report missed while stopped is written at start: file, /v1/documents and mail to the recipient")
    func missedWeeklyReport() async throws {
        let world = try await NotifySandbox(smtp: true)
        defer { world.cleanup() }
        let sandbox = world.sandbox
        try world.writeConfig(world.config() + "reports: {recipients: [zhang.wei], weekly: true, monthly: false}\n")
        let daemon = try await world.startDaemon()
        _ = try await sandbox.report(ReportRequest(subject: "用户登录超时", organisation: "华东区客服中心", reporter: "王芳"))
        let none = try await sandbox.request("GET", "/v1/documents")
        #expect(try none.decode(PeriodicDocumentListDTO.self).documents.isEmpty, "nothing is due before next Monday")
        daemon.send(SIGTERM)
        for _ in 0..<250 where daemon.isRunning { usleep(20_000) }

        // Move the stored due time (a Monday, 08:00 local) back a week, as if the daemon had been down
        // over it, and the incident into the middle of the week that report covers (Thursday noon).
        let database = sandbox.stateDir + "/oncalld.sqlite"
        let moved = try await ChildProcess.run("/usr/bin/env", ["python3", "-c", """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            n = db.execute("UPDATE periodicJob SET dueAt = dueAt - 7 * 86400 WHERE kind = 'weekly'").rowcount
            due = db.execute("SELECT dueAt FROM periodicJob WHERE kind = 'weekly'").fetchone()[0]
            db.execute("UPDATE incident SET reportedAt = ?", (due - 8 * 3600 - 3.5 * 86400,))
            db.commit()
            print(n)
            """, database])
        #expect(moved.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "1", "\(moved)")

        _ = try await world.startDaemon()
        let sink = try #require(world.sink)
        let mails = try await sink.waitForMessages("the weekly report mail", count: 3)  // two new-fault mails before, then the report
        let report = try #require(mails.first { $0.subject.contains("Weekly report") }, "\(mails.map(\.subject))\n\(world.logs)")
        #expect(report.recipient == "zhang.wei@example.com")
        #expect(report.subject.hasPrefix("[oncalld] 周报 Weekly report 20"))
        #expect(report.plainText.contains("用户登录超时"), "\(report.plainText)")
        #expect(report.html?.contains("用户登录超时") == true, "an HTML part is rendered from the Markdown")

        let listed = try await sandbox.request("GET", "/v1/documents?kind=weekly").decode(PeriodicDocumentListDTO.self).documents
        #expect(listed.count == 1, "\(listed)")
        let period = try #require(listed.first?.period)
        let file = "\(sandbox.stateDir)/reports/weekly/\(period).md"
        let text = try #require(FileManager.default.contents(atPath: file).map { String(decoding: $0, as: UTF8.self) }, "no \(file)")
        let shown = try await sandbox.request("GET", "/v1/documents/weekly/\(period)").decode(PeriodicDocumentDTO.self)
        #expect(shown.markdown == text, "the file is the stored document")
        #expect(text.contains("用户登录超时"))
    }
}
}
