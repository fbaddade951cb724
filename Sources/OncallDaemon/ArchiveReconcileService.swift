import ServiceLifecycle

/// Rewrites the archive files the database has and the disk lacks, once, beside the listeners rather
/// than before them: with a million archived reports it takes minutes, and the files are only a copy.
struct ArchiveReconcileService: Service {
    let reconcile: @Sendable () async -> Void

    func run() async throws {
        await cancelWhenGracefulShutdown { await reconcile() }
    }
}
