import OncallNotify
import ServiceLifecycle

/// Runs the outbox dispatcher as a service; on graceful shutdown in-flight sends finish first.
struct DispatcherService: Service {
    let dispatcher: OutboxDispatcher

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await dispatcher.run()
        }
    }
}
