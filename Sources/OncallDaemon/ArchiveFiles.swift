import Foundation
import OncallCore

/// The archive on disk: an approved report as `reports/YYYY/INC-000123.md` (byte-identical to the
/// text whose SHA-256 is stored) and `.html`; regular documents as `reports/weekly/2026-W47.md` and
/// `reports/monthly/2026-10.md`. The database is the source of truth: files are rewritten from it
/// after start when missing (`ArchiveReconcileService`), so a crash between commit and write loses nothing.
struct ArchiveFiles: Sendable {
    let root: String
    let timeZone: @Sendable () -> TimeZone
    /// Renders a Markdown document as a standalone HTML page (title, Markdown).
    let htmlPage: @Sendable (String, String) -> String

    /// `reports/YYYY/ID.md` by the year (local) the incident was reported in.
    func reportPath(_ incident: Incident) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone()
        return "\(root)/\(calendar.component(.year, from: incident.reportedAt))/\(incident.id).md"
    }

    /// Writes an approved report's files, unless the Markdown file is already there.
    func writeReport(_ report: Postmortem, incident: Incident, overwrite: Bool = false) throws {
        guard let archive = report.archive else { return }
        let path = reportPath(incident)
        if !overwrite, FileManager.default.fileExists(atPath: path) { return }
        try Self.writeAtomically(Data(archive.markdown.utf8), to: path)
        let title = "\(incident.id) \(incident.form.subject)"
        try Self.writeAtomically(Data(htmlPage(title, archive.markdown).utf8), to: String(path.dropLast(3)) + ".html")
    }

    func documentPath(_ document: PeriodicDocument) -> String {
        "\(root)/\(document.kind.rawValue)/\(document.period).md"
    }

    func writeDocument(_ document: PeriodicDocument) throws {
        try Self.writeAtomically(Data(document.markdown.utf8), to: documentPath(document))
    }

    /// Writes every approved report and regular document whose file is missing; returns how many.
    func reconcile(reports: any PostmortemStore, incidents: any IncidentStore, documents: any PeriodicStore) async throws -> Int {
        var written = 0
        for report in try await reports.postmortems(state: .approved, owner: nil, limit: 1_000_000) {
            // A stop does not wait for the rest; the next start writes them.
            try Task.checkCancellation()
            guard let incident = try await incidents.incident(report.incident), !FileManager.default.fileExists(atPath: reportPath(incident))
            else { continue }
            try writeReport(report, incident: incident)
            written += 1
        }
        for document in try await documents.periodicDocuments(kind: nil, limit: 1_000_000)
        where !FileManager.default.fileExists(atPath: documentPath(document)) {
            try writeDocument(document)
            written += 1
        }
        return written
    }

    /// Write to a temporary file, fsync, rename: a reader sees the old file or the whole new one.
    static func writeAtomically(_ data: Data, to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
        // Unique, so the start-up rewrite and an approval writing the same file cannot collide.
        let temporary = path + ".tmp-" + UUID().uuidString
        guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o640]) else {
            throw DaemonError.startup("cannot write \(temporary)")
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
        try handle.synchronize()
        try handle.close()
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
        try FileManager.default.moveItem(atPath: temporary, toPath: path)
    }
}
