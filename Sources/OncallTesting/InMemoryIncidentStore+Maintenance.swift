import Foundation
import OncallCore

/// Maintenance windows in memory, ended the way the real backends end them: the release
/// timers of the incidents a window holds move to the end in the same step.
extension InMemoryIncidentStore: MaintenanceStore {
    public func addWindow(_ make: @escaping @Sendable (Int64) throws -> MaintenanceWindow) async throws -> MaintenanceWindow {
        try state.withLock { state in
            let window = try make(Int64(state.windows.count + 1))
            state.windows.append(window)
            return window
        }
    }

    public func windows(at now: Date, includingPast: Bool) async throws -> [MaintenanceWindow] {
        state.withLock { state in
            includingPast ? state.windows.reversed() : state.windows.filter { $0.effectiveEnd > now }.sorted { $0.startsAt < $1.startsAt }
        }
    }

    public func endWindow(_ id: Int64, at now: Date, by actor: String) async throws -> MaintenanceWindow? {
        state.withLock { state in
            guard let index = state.windows.firstIndex(where: { $0.id == id }) else { return nil }
            guard state.windows[index].effectiveEnd > now else { return state.windows[index] }
            state.windows[index].endedAt = now
            state.windows[index].endedBy = actor
            let held = Set(state.incidents.values.filter { $0.maintenance?.window == id }.map(\.id))
            for index in state.timers.indices where state.timers[index].kind == .maintenanceRelease
                && held.contains(state.timers[index].incident) && state.timers[index].dueAt > now {
                state.timers[index].dueAt = now
            }
            return state.windows[index]
        }
    }
}
