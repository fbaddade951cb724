import OncallCore
import OncallNotify
import ServiceLifecycle

/// Runs the outbox dispatcher as a service; on graceful shutdown in-flight sends finish first.
struct DispatcherService: Service {
    let dispatcher: OutboxDispatcher
    /// Runs only while this node is the active one (always, with one node).
    let role: any ActiveRole

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await role.whileActive { await dispatcher.run() }
        }
    }
}
