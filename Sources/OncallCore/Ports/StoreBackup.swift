/// An online, consistent copy of a backend's whole database, taken while the daemon runs.
/// The embedded SQLite backend has one; a PostgreSQL database is backed up with the site's own tools.
public protocol StoreBackup: Sendable {
    /// Writes the copy to a new file at `path` and checks it; returns its size in bytes.
    func backup(to path: String) async throws -> Int
}
