import Foundation
import GRDB
import OncallCore
import Synchronization

/// The one SQLite file every repository shares: a WAL pool with `synchronous = FULL`, the
/// group-commit writer all writes go through, and the counters `/metrics` reads.
final class SQLiteDatabase: Sendable {
    let pool: DatabasePool
    let writer: GroupCommitWriter
    let incidentNumbers: IncidentNumbers
    /// Rows read that this version cannot understand (an unknown timeline kind, say).
    let unreadableRows = Atomic<Int>(0)

    init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.label = "oncalld"
        configuration.prepareDatabase { db in db.add(function: ArchiveBigrams.function) }
        pool = try DatabasePool(path: path, configuration: configuration)
        // GRDB sets synchronous = NORMAL on the writer after prepareDatabase; FULL must come after opening.
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        try Migrations.migrator.migrate(pool)
        writer = GroupCommitWriter(pool: pool)
        // This process is the file's only writer (the instance lock), so the numbers are ours to hand out.
        incidentNumbers = IncidentNumbers(highest: try pool.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM incident") } ?? 0)
    }

    /// Counts an unreadable row and returns the error that reports it.
    func unreadable(_ what: String) -> StoreError {
        unreadableRows.add(1, ordering: .relaxed)
        return .unreadable(what)
    }

    /// Counts an unreadable row the core reported.
    func unreadable(_ error: StoreError) -> StoreError {
        unreadableRows.add(1, ordering: .relaxed)
        return error
    }
}

/// `?, ?, ?` for `count` values.
func placeholders(_ count: Int) -> String {
    Array(repeating: "?", count: count).joined(separator: ", ")
}

extension JSONEncoder {
    /// Sorted keys, so the same value always serialises to the same text.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
