import Foundation
import OncallConfig
import OncallStore

extension Daemon {
    /// `oncalld --restore FILE`: puts a backup (`oncallctl backup`) in place of the embedded database.
    /// The daemon must be stopped (its instance lock is taken); the database there before is kept
    /// beside it. Returns what was done, for the operator.
    public static func restore(_ config: DaemonConfig, from backup: String) throws(DaemonError) -> String {
        guard config.store.url == nil else {
            throw .startup("store.url names a PostgreSQL database; restore it with its own tools (pg_restore), not oncalld")
        }
        try makeDirectory(config.stateDir)
        let lock = try InstanceLock(path: config.stateDir + "/oncalld.lock")
        defer { withExtendedLifetime(lock) {} }
        let databasePath = config.stateDir + "/oncalld.sqlite"
        do {
            let aside = try SQLiteBackup.restore(from: backup, into: databasePath)
            return "restored \(backup) to \(databasePath)" + (aside.map { "; the database before is kept as \($0)" } ?? "")
        } catch {
            throw .startup("cannot restore \(backup): \(error)")
        }
    }
}
