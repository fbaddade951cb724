import OncallCore
import ServiceLifecycle

/// Runs the durable-timer loop as a service; it stops when graceful shutdown begins.
struct TimerEngineService: Service {
    let engine: TimerEngine
    /// Runs only while this node is the active one (always, with one node).
    let role: any ActiveRole

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await role.whileActive { await engine.run() }
        }
    }
}
