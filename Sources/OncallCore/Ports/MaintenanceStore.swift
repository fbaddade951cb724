import Foundation

/// Durable maintenance windows. Holding an incident is part of its opening change; this stores
/// the windows and ends them.
public protocol MaintenanceStore: Sendable {
    /// Stores the window `make` decides with a new id; returns it once committed.
    func addWindow(_ make: @escaping @Sendable (Int64) throws -> MaintenanceWindow) async throws -> MaintenanceWindow
    /// Windows not yet over at `now` (active or planned), by start; with `includingPast`, every window, newest first.
    func windows(at now: Date, includingPast: Bool) async throws -> [MaintenanceWindow]
    /// Ends a window at `now` and, in the same transaction, brings the release timers of the
    /// incidents it holds forward to `now`. Nil for an unknown id; a window already over is returned unchanged.
    func endWindow(_ id: Int64, at now: Date, by actor: String) async throws -> MaintenanceWindow?
}
