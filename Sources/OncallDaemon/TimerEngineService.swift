import OncallCore
import ServiceLifecycle

/// Runs the durable-timer loop as a service; it stops when graceful shutdown begins.
struct TimerEngineService: Service {
    let engine: TimerEngine

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await engine.run()
        }
    }
}
