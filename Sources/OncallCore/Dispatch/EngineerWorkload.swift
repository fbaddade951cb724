/// What the engineers are busy with, as the store knows it; the planner reads nothing itself.
public struct EngineerWorkload: Sendable, Equatable {
    /// Person id → the incident of the open visit (dispatched, accepted, en route or on site)
    /// they are on; such an engineer is not available.
    public var openDispatches: [String: IncidentNumber]
    /// Person id → visits dispatched to them within `DispatchPolicy.loadWindow`; fewer goes first.
    public var recentDispatches: [String: Int]

    /// A workload; absent people are free and have a load of 0.
    public init(openDispatches: [String: IncidentNumber] = [:], recentDispatches: [String: Int] = [:]) {
        self.openDispatches = openDispatches
        self.recentDispatches = recentDispatches
    }

    /// The load that orders available engineers.
    public func load(of person: String) -> Int { recentDispatches[person] ?? 0 }
}
