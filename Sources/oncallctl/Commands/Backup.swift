import ArgumentParser
import Foundation
import OncallClient

/// `oncallctl backup FILE`: an online, consistent copy of the daemon's database.
struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Save an online, consistent copy of the incident database to FILE (SQLite store).",
        discussion: """
            The daemon keeps running and taking reports; the copy is one snapshot (SQLite's backup API), \
            checked before it is sent. FILE must not exist; it is written with mode 0600. Restore it with \
            `oncalld --restore FILE` while the daemon is stopped. A PostgreSQL store is backed up with pg_dump.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("Where to write the copy (must not exist).", valueName: "FILE")) var file: String

    func run() throws {
        guard !FileManager.default.fileExists(atPath: file) else {
            throw ValidationError("\(file) already exists; a backup never overwrites a file")
        }
        let data = try global.call { client throws(ClientError) in try client.backup() }
        // Written next to its final name, then linked into place: a crash never leaves a half copy as FILE.
        let partial = file + ".partial-\(getpid())"
        guard FileManager.default.createFile(atPath: partial, contents: data, attributes: [.posixPermissions: 0o600]) else {
            Terminal.printError("oncallctl: cannot write \(partial)")
            throw ExitStatus.cannotCreate
        }
        defer { try? FileManager.default.removeItem(atPath: partial) }
        guard link(partial, file) == 0 else {
            Terminal.printError("oncallctl: cannot create \(file): \(String(cString: strerror(errno)))")
            throw ExitStatus.cannotCreate
        }
        print("\(file): \(data.count) bytes")
    }
}
