import Foundation

/// Durable heartbeat states, one per name. The decision closure runs inside the store's
/// transaction on the stored state (nil for a name never stored) and must be pure; a store may
/// call it more than once.
public protocol HeartbeatStore: Sendable {
    /// Every stored state, by name.
    func heartbeatStates() async throws -> [HeartbeatState]
    /// Commits what `decide` makes of the stored state; nil from `decide` writes nothing.
    /// Returns the state before and the state stored after.
    func updateHeartbeat(
        _ name: String, _ decide: @escaping @Sendable (HeartbeatState?) -> HeartbeatState?
    ) async throws -> (before: HeartbeatState?, after: HeartbeatState?)
}
