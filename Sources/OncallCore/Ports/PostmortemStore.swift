import Foundation

/// Durable fault reports and the archive's full-text index. Report changes travel in
/// `IncidentChange.postmortem` and commit with the incident's events, timers and messages.
public protocol PostmortemStore: Sendable {
    func postmortem(of id: IncidentNumber) async throws -> Postmortem?
    /// Loads the incident and its report in the write transaction, commits what `change` decides
    /// (including `change.postmortem`), and returns both as committed.
    /// Throws `StoreError.notFound` for an unknown incident.
    func updatePostmortem(
        _ id: IncidentNumber, _ change: @escaping @Sendable (Incident, Postmortem?) throws -> IncidentChange
    ) async throws -> (incident: Incident, postmortem: Postmortem?)
    /// Reports by state and owner, newest resolution first.
    func postmortems(state: Postmortem.State?, owner: String?, limit: Int) async throws -> [Postmortem]
    /// Incidents matching the query's text (subject, description, notes, report) and filters.
    func searchArchive(_ query: ArchiveQuery) async throws -> [ArchiveHit]
}

/// A search of the incident archive. Text matches any substring of two or more characters
/// (Chinese included); every filter narrows the result.
public struct ArchiveQuery: Sendable, Equatable {
    /// Words to find, all of them (whitespace separates words); nil or empty lists by the filters alone.
    public var text: String?
    public var level: Level?
    /// Incident states; nil means any.
    public var states: Set<IncidentState>?
    /// Report state; nil means any, including incidents without a report.
    public var reportState: Postmortem.State?
    /// Reported at or after `from` and before `until`.
    public var from: Date?
    public var until: Date?
    public var organisation: String?
    public var service: String?
    public var limit: Int

    public init(
        text: String? = nil, level: Level? = nil, states: Set<IncidentState>? = nil, reportState: Postmortem.State? = nil,
        from: Date? = nil, until: Date? = nil, organisation: String? = nil, service: String? = nil, limit: Int = 100
    ) {
        self.text = text
        self.level = level
        self.states = states
        self.reportState = reportState
        self.from = from
        self.until = until
        self.organisation = organisation
        self.service = service
        self.limit = limit
    }
}

/// One incident found in the archive.
public struct ArchiveHit: Sendable, Equatable {
    public var incident: Incident
    /// The report's state, nil when the incident has none (not resolved).
    public var reportState: Postmortem.State?
    /// A short passage around the first match, with the match between `[` and `]`; empty without text.
    public var snippet: String

    public init(incident: Incident, reportState: Postmortem.State?, snippet: String) {
        self.incident = incident
        self.reportState = reportState
        self.snippet = snippet
    }
}
