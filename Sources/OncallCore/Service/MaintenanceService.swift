import Foundation

/// The maintenance-window use cases: plan one, list them, end one early. Reads the clock once
/// per request; ending a window wakes the timer engine, which pages what it held.
public struct MaintenanceService: Sendable {
    let store: any MaintenanceStore
    let clock: any OncallClock
    let timersChanged: @Sendable () -> Void

    public init(store: any MaintenanceStore, clock: any OncallClock, timersChanged: @escaping @Sendable () -> Void) {
        self.store = store
        self.clock = clock
        self.timersChanged = timersChanged
    }

    /// Stores a new window; a bad request throws `LifecycleError` and stores nothing.
    public func add(_ request: MaintenanceRequest, actor: String) async throws -> MaintenanceWindow {
        let now = clock.now
        _ = try MaintenanceLifecycle.plan(request, id: 0, actor: actor, now: now)
        return try await store.addWindow { id in try MaintenanceLifecycle.plan(request, id: id, actor: actor, now: now) }
    }

    public func windows(includingPast: Bool) async throws -> [MaintenanceWindow] {
        try await store.windows(at: clock.now, includingPast: includingPast)
    }

    /// Ends a window now; what it held is paged by the next timer cycle.
    public func end(_ id: Int64, actor: String) async throws -> MaintenanceWindow? {
        let window = try await store.endWindow(id, at: clock.now, by: actor)
        timersChanged()
        return window
    }
}
