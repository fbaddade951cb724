import Foundation

/// Which visits a listing wants, newest first.
public struct VisitQuery: Sendable, Equatable {
    public var openOnly: Bool
    public var branch: String?
    /// Only visits dispatched at or after this instant.
    public var since: Date?
    public var limit: Int

    public init(openOnly: Bool = false, branch: String? = nil, since: Date? = nil, limit: Int = 200) {
        self.openOnly = openOnly
        self.branch = branch
        self.since = since
        self.limit = limit
    }
}

/// Durable field visits. Visits are written with the incident changes that carry them
/// (`IncidentChange.visits`); this reads them, and runs dispatch decisions that need the
/// engineers' current workload inside the same transaction.
public protocol VisitStore: Sendable {
    /// Loads the incident, its visits and every engineer's workload (open visits, and visits
    /// dispatched since `loadSince`), commits what `change` decides, and returns the result.
    func updateWithVisits(
        _ id: IncidentNumber, loadSince: Date,
        _ change: @escaping @Sendable (Incident, [Visit], EngineerWorkload) throws -> IncidentChange
    ) async throws -> (incident: Incident, visits: [Visit])

    /// The incident's visits, oldest first.
    func visits(of id: IncidentNumber) async throws -> [Visit]
    func visits(_ query: VisitQuery) async throws -> [Visit]
}
