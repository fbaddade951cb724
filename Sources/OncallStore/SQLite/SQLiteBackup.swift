import Foundation
import GRDB
import OncallCore

/// Online backups and offline restores of the SQLite file, with SQLite's backup API: a copy taken
/// while writes go on is one consistent snapshot, never a torn file.
public struct SQLiteBackup: StoreBackup {
    let database: SQLiteDatabase

    public func backup(to path: String) async throws -> Int {
        guard !FileManager.default.fileExists(atPath: path) else { throw BackupError.exists(path) }
        let pool = database.pool
        try await Task.detached {
            let copy = try DatabaseQueue(path: path)
            try pool.backup(to: copy)
            try SQLiteBackup.check(copy, what: path)
            try copy.close()
        }.value
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.size] as? Int) ?? 0
    }

    /// Puts the backup at `backupPath` in place of the database at `databasePath` (the daemon must be
    /// stopped). The database there before is moved aside, with its WAL, and its new name returned.
    public static func restore(from backupPath: String, into databasePath: String, now: Date = Date()) throws -> String? {
        let backup = try DatabaseQueue(path: backupPath, configuration: readOnly)
        try check(backup, what: backupPath)
        try backup.close()
        let files = FileManager.default
        var aside: String?
        if files.fileExists(atPath: databasePath) {
            let stamp = ISO8601DateFormatter().string(from: now).replacingOccurrences(of: ":", with: "")
            let name = databasePath + ".before-restore-" + stamp
            // Checkpoint first, so the file moved aside holds everything (and its WAL can go with it).
            let current = try DatabaseQueue(path: databasePath)
            _ = try current.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
            try current.close()
            try files.moveItem(atPath: databasePath, toPath: name)
            for suffix in ["-wal", "-shm"] where files.fileExists(atPath: databasePath + suffix) {
                try files.removeItem(atPath: databasePath + suffix)
            }
            aside = name
        }
        try files.copyItem(atPath: backupPath, toPath: databasePath)
        // Run as root, the copy would be root's: give it to the state directory's owner, private as the daemon makes it.
        let directory = (databasePath as NSString).deletingLastPathComponent
        let owner = try files.attributesOfItem(atPath: directory.isEmpty ? "." : directory)
        var attributes: [FileAttributeKey: Any] = [.posixPermissions: 0o600]
        if getuid() == 0 {
            attributes[.ownerAccountID] = owner[.ownerAccountID]
            attributes[.groupOwnerAccountID] = owner[.groupOwnerAccountID]
        }
        try files.setAttributes(attributes, ofItemAtPath: databasePath)
        return aside
    }

    private static var readOnly: Configuration {
        var configuration = Configuration()
        configuration.readonly = true
        return configuration
    }

    /// The copy is whole and is an oncalld database (it has the schema's migrations).
    static func check(_ copy: DatabaseQueue, what: String) throws {
        try copy.read { db in
            let integrity = try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? ""
            guard integrity == "ok" else { throw BackupError.damaged(what, integrity) }
            guard try db.tableExists("grdb_migrations"), try db.tableExists("incident") else { throw BackupError.notOncalld(what) }
        }
    }
}

public enum BackupError: Error, Equatable, CustomStringConvertible {
    case exists(String)
    case damaged(String, String)
    case notOncalld(String)

    public var description: String {
        switch self {
        case let .exists(path): "\(path) already exists; a backup never overwrites a file"
        case let .damaged(path, report): "\(path) is damaged: \(report)"
        case let .notOncalld(path): "\(path) is an SQLite file but not an oncalld database"
        }
    }
}
