import OncallCore
import ServiceLifecycle

/// Runs the regular-documents loop as a service; it stops when graceful shutdown begins.
struct PeriodicReportService: Service {
    let engine: PeriodicReportEngine

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await engine.run()
        }
    }
}
