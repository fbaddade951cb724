import Foundation

/// Durable incidents and their timelines. Every write returns only after it is committed to
/// stable storage, so a caller may acknowledge it to the outside world.
///
/// The decision closures run inside the store's transaction and must be pure; a store may call
/// them more than once if it retries a transaction.
public protocol IncidentStore: Sendable {
    /// Assigns the next incident number, commits what `make` decides, and returns the incident.
    /// With an `idempotencyKey` that was used before, returns the earlier incident (created: false) and writes nothing.
    func create(
        idempotencyKey: String?, _ make: @escaping @Sendable (IncidentNumber) throws -> IncidentChange
    ) async throws -> (incident: Incident, created: Bool)

    /// Loads the incident, commits what `change` decides, and returns the new incident.
    /// Throws `StoreError.notFound` for an unknown number.
    func update(
        _ id: IncidentNumber, _ change: @escaping @Sendable (Incident) throws -> IncidentChange
    ) async throws -> Incident

    func incident(_ id: IncidentNumber) async throws -> Incident?
    /// The incident's timeline, oldest first.
    func timeline(of id: IncidentNumber) async throws -> [TimelineEvent]
    func incidents(_ query: IncidentQuery) async throws -> [Incident]

}

/// Errors every store backend reports the same way.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case notFound(IncidentNumber)
    /// A row this version cannot read (an unknown timeline kind, say): never guessed at or dropped.
    case unreadable(String)
    /// The store's disk is full: the write was rolled back whole, nothing of it was stored.
    case storageFull

    public var description: String {
        switch self {
        case let .notFound(id): "no incident \(id)"
        case let .unreadable(what): "unreadable stored data: \(what)"
        case .storageFull: "the database's disk is full; nothing was stored, try again when space is freed"
        }
    }
}
