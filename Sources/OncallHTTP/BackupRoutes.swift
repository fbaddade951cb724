import Foundation
import Hummingbird
import NIOCore
import OncallCore

/// `POST /v1/backup` (Unix socket only): an online, consistent copy of the embedded database,
/// answered as the file's bytes. A PostgreSQL store is backed up with the site's own tools.
struct BackupRoutes {
    let dependencies: APIDependencies

    func register(on router: RouterGroup<OncallRequestContext>) {
        router.post("/v1/backup") { _, _ in
            guard let backup = dependencies.store.backup else {
                throw APIFailure(
                    status: .notImplemented, code: "not_supported",
                    message: "the \(dependencies.store.backend) store is backed up with its own tools (pg_dump, its replicas), not by oncalld")
            }
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("oncalld-backup-\(UUID().uuidString).sqlite").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            _ = try await backup.backup(to: path)
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return Response(
                status: .ok, headers: [.contentType: "application/vnd.sqlite3", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }
}
