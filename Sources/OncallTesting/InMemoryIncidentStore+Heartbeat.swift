import Foundation
import OncallCore

/// Heartbeat states in memory, each decision applied under the store's lock as a transaction would.
extension InMemoryIncidentStore: HeartbeatStore {
    public func heartbeatStates() async throws -> [HeartbeatState] {
        state.withLock { $0.heartbeats.values.sorted { $0.name < $1.name } }
    }

    public func updateHeartbeat(
        _ name: String, _ decide: @escaping @Sendable (HeartbeatState?) -> HeartbeatState?
    ) async throws -> (before: HeartbeatState?, after: HeartbeatState?) {
        state.withLock { state in
            let before = state.heartbeats[name]
            guard let after = decide(before) else { return (before, before) }
            state.heartbeats[name] = after
            return (before, after)
        }
    }

    /// The incident created under `key`, as the inbound store's lookup finds it.
    public func incident(idempotencyKey key: String) -> IncidentNumber? {
        state.withLock { $0.keys[key] }
    }
}
