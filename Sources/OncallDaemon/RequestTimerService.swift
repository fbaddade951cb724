import OncallCore
import ServiceLifecycle

/// Runs the service requests' promise timers as a service; it stops when graceful shutdown begins.
struct RequestTimerService: Service {
    let engine: RequestTimerEngine
    /// Runs only while this node is the active one (always, with one node).
    let role: any ActiveRole

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await role.whileActive { await engine.run() }
        }
    }
}
