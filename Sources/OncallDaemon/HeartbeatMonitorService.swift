import OncallCore
import ServiceLifecycle

/// Runs the heartbeat loop as a service while this node is the active one; beats are taken on every node.
struct HeartbeatMonitorService: Service {
    let heartbeats: HeartbeatService
    let role: any ActiveRole

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await role.whileActive { await heartbeats.run() }
        }
    }
}
