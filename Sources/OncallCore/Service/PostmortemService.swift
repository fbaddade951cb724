import Foundation

/// The fault-report use cases: read the current document, edit, submit, review, list, search.
/// Reads the clock once per request; the lifecycle decides; the store commits with the incident.
public struct PostmortemService: Sendable {
    /// Where a report's facts come from, and how its text is presented.
    public struct Sources: Sendable {
        public var incidents: any IncidentStore
        public var reports: any PostmortemStore
        public var deliveries: (any DeliveryStore)?
        public var visits: (any VisitStore)?

        public init(incidents: any IncidentStore, reports: any PostmortemStore, deliveries: (any DeliveryStore)?, visits: (any VisitStore)?) {
            self.incidents = incidents
            self.reports = reports
            self.deliveries = deliveries
            self.visits = visits
        }
    }

    /// Display names and the time zone the document is written in.
    public struct Presentation: Sendable {
        public var names: [String: String]
        public var branchNames: [String: String]
        public var timeZone: TimeZone

        public init(names: [String: String] = [:], branchNames: [String: String] = [:], timeZone: TimeZone = .gmt) {
            self.names = names
            self.branchNames = branchNames
            self.timeZone = timeZone
        }
    }

    let sources: Sources
    let clock: any OncallClock
    let settings: any SettingsSource
    let sha256: @Sendable (String) -> String
    let changed: @Sendable (Postmortem) async -> Void

    /// - Parameters:
    ///   - sha256: lowercase hex SHA-256 of a string's UTF-8 (an adapter's; the domain does no crypto).
    ///   - changed: called after a commit, before the caller is answered (wakes the outbox; writes an approval's archive files).
    public init(
        sources: Sources, clock: any OncallClock, settings: any SettingsSource, sha256: @escaping @Sendable (String) -> String,
        changed: @escaping @Sendable (Postmortem) async -> Void
    ) {
        self.sources = sources
        self.clock = clock
        self.settings = settings
        self.sha256 = sha256
        self.changed = changed
    }

    /// The report and its current Markdown: the archived text once approved, else rendered from the live facts.
    public func document(_ id: IncidentNumber) async throws -> (postmortem: Postmortem, markdown: String)? {
        guard let report = try await sources.reports.postmortem(of: id) else { return nil }
        if let archive = report.archive { return (report, archive.markdown) }
        guard let facts = try await facts(id) else { return nil }
        return (report, PostmortemDocument.render(facts, postmortem: report))
    }

    /// Replaces the written sections with those of an edited document (text outside them is regenerated).
    /// `base`, the document as fetched before editing, refuses the edit if someone saved in between.
    public func edit(_ id: IncidentNumber, markdown: String, base: String? = nil, actor: String) async throws -> Postmortem {
        let sections = try PostmortemDocument.sections(from: markdown)
        let baseSections = try base.map { text throws(PostmortemError) in try PostmortemDocument.sections(from: text) }
        return try await edit(id, sections: sections, base: baseSections, actor: actor)
    }

    public func edit(_ id: IncidentNumber, sections: PostmortemSections, base: PostmortemSections? = nil, actor: String) async throws -> Postmortem {
        try await commit(id) { incident, report, policy, now in
            try PostmortemLifecycle.edit(
                report, of: incident, sections: sections, base: base, by: policy.identify(actor), policy: policy, now: now)
        }
    }

    public func submit(_ id: IncidentNumber, actor: String) async throws -> Postmortem {
        try await commit(id) { incident, report, policy, now in
            try PostmortemLifecycle.submit(report, of: incident, by: policy.identify(actor), policy: policy, now: now)
        }
    }

    /// Approves and archives, or sends back with a comment. Only the emergency group may.
    public func review(_ id: IncidentNumber, approve: Bool, comment: String, actor: String) async throws -> Postmortem {
        // The facts are read before the commit; a report is reviewed after its incident is resolved, so they no longer move.
        guard let facts = try await facts(id) else { throw StoreError.notFound(id) }
        let sha256 = sha256
        return try await commit(id) { incident, report, policy, now in
            var facts = facts
            facts.incident = incident
            return try PostmortemLifecycle.review(
                report, of: incident, approve: approve, comment: comment, by: policy.identify(actor), policy: policy, now: now
            ) { frozen in
                let markdown = PostmortemDocument.render(facts, postmortem: frozen)
                return (markdown, sha256(markdown))
            }
        }
    }

    public func list(state: Postmortem.State?, owner: String?, limit: Int) async throws -> [Postmortem] {
        try await sources.reports.postmortems(state: state, owner: owner, limit: limit)
    }

    public func search(_ query: ArchiveQuery) async throws -> [ArchiveHit] {
        try await sources.reports.searchArchive(query)
    }

    private func commit(
        _ id: IncidentNumber,
        _ decide: @escaping @Sendable (Incident, Postmortem?, PostmortemPolicy, Date) throws -> IncidentChange
    ) async throws -> Postmortem {
        let now = clock.now
        let settings = settings.current
        guard let policy = settings.postmortems else { throw PostmortemError.forbidden("fault reports are not configured") }
        let notifications = settings.notifications
        let result = try await sources.reports.updatePostmortem(id) { incident, report in
            var change = try decide(incident, report, policy, now)
            notifications?.apply(to: &change, firedTimer: nil, now: now)
            return change
        }
        guard let report = result.postmortem else { throw PostmortemError.noReport(id) }
        await changed(report)
        return report
    }

    private func facts(_ id: IncidentNumber) async throws -> PostmortemDocument.Facts? {
        guard let incident = try await sources.incidents.incident(id) else { return nil }
        let presentation = settings.current.presentation
        return PostmortemDocument.Facts(
            incident: incident, timeline: try await sources.incidents.timeline(of: id),
            deliveries: try await sources.deliveries?.deliveries(of: id) ?? [], visits: try await sources.visits?.visits(of: id) ?? [],
            names: presentation.names, branchNames: presentation.branchNames, timeZone: presentation.timeZone)
    }
}
