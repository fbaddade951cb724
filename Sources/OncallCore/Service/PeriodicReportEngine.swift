import Foundation

/// Writes the regular documents (SPEC.md, regular work) on durable schedules: the weekly report
/// before each Monday and the monthly incident list (with the month's service-request promises)
/// on the first working day of the month. A
/// document is stored, mailed and rescheduled in one commit; one missed while the daemon was
/// down is written at the next start.
public struct PeriodicReportEngine: Sendable {
    public struct Settings: Sendable {
        public var kinds: Set<PeriodicKind>
        /// Local time of day the documents are written.
        public var at: TimeOfDay
        public var calendar: WorkingCalendar
        /// Person id → display name, for the documents' tables.
        public var names: [String: String]

        public init(kinds: Set<PeriodicKind>, at: TimeOfDay, calendar: WorkingCalendar, names: [String: String] = [:]) {
            self.kinds = kinds
            self.at = at
            self.calendar = calendar
            self.names = names
        }
    }

    /// Where the documents' facts come from and where they go.
    public struct Sources: Sendable {
        public var periodic: any PeriodicStore
        public var incidents: any IncidentStore
        public var reports: any PostmortemStore
        public var visits: (any VisitStore)?
        /// Service requests, for the monthly document's promises; nil leaves that section out.
        public var requests: (any ServiceRequestStore)?

        public init(
            periodic: any PeriodicStore, incidents: any IncidentStore, reports: any PostmortemStore, visits: (any VisitStore)?,
            requests: (any ServiceRequestStore)? = nil
        ) {
            self.periodic = periodic
            self.incidents = incidents
            self.reports = reports
            self.visits = visits
            self.requests = requests
        }
    }

    let sources: Sources
    let clock: any OncallClock
    let settings: @Sendable () -> Settings
    let mail: @Sendable (PeriodicDocument) -> [OutboxMessage]
    let onDocument: @Sendable (PeriodicDocument) -> Void
    let onError: @Sendable (any Error) -> Void
    let maxIdle: Duration

    /// - Parameters:
    ///   - mail: the messages that carry a document to its recipients (queued in the same commit).
    ///   - onDocument: called after a document is committed (writes its file, wakes the outbox).
    public init(
        sources: Sources, clock: any OncallClock, settings: @escaping @Sendable () -> Settings,
        mail: @escaping @Sendable (PeriodicDocument) -> [OutboxMessage],
        onDocument: @escaping @Sendable (PeriodicDocument) -> Void,
        onError: @escaping @Sendable (any Error) -> Void = { _ in }, maxIdle: Duration = .seconds(300)
    ) {
        self.sources = sources
        self.clock = clock
        self.settings = settings
        self.mail = mail
        self.onDocument = onDocument
        self.onError = onError
        self.maxIdle = maxIdle
    }

    /// Schedules missing kinds and writes every document due now; returns the next due time.
    @discardableResult
    public func runCycle() async throws -> Date? {
        let now = clock.now
        let settings = settings()
        var schedule = try await sources.periodic.periodicSchedule()
        for kind in settings.kinds.sorted(by: { $0.rawValue < $1.rawValue }) where schedule[kind] == nil {
            let due = PeriodicSchedule.nextDue(kind, after: now, calendar: settings.calendar, at: settings.at)
            try await sources.periodic.schedulePeriodic(kind, dueAt: due)
            schedule[kind] = due
        }
        for (kind, due) in schedule.sorted(by: { $0.value < $1.value }) where settings.kinds.contains(kind) && due <= now {
            let document = try await write(kind, dueAt: due, settings: settings, now: now)
            let next = PeriodicSchedule.nextDue(kind, after: max(now, due), calendar: settings.calendar, at: settings.at)
            if try await sources.periodic.completePeriodic(kind, firedDueAt: due, document: document, messages: mail(document), nextDueAt: next) {
                onDocument(document)
            }
            schedule[kind] = next
        }
        return schedule.filter { settings.kinds.contains($0.key) }.values.min()
    }

    /// Runs cycles until cancelled; a failing cycle is reported and retried after a minute.
    public func run() async {
        await CycleLoop(clock: clock, wakeup: nil, maxIdle: maxIdle, retryAfter: .seconds(60)).run({ try await runCycle() }, onError: onError)
    }

    /// The document for the period before `dueAt`, from what the stores hold now.
    func write(_ kind: PeriodicKind, dueAt: Date, settings: Settings, now: Date) async throws -> PeriodicDocument {
        let timeZone = settings.calendar.timeZone
        let period = PeriodicSchedule.period(kind, dueAt: dueAt, timeZone: timeZone)
        let reported = try await sources.incidents.incidents(IncidentQuery(since: period.from, until: period.until, limit: 100_000))
        // The weekly report also lists what is still open, whenever it was reported.
        let stillOpen = kind == .weekly
            ? try await sources.incidents.incidents(IncidentQuery(states: [.reported, .acknowledged, .escalated], until: period.until, limit: 100_000))
            : []
        var seen = Set<IncidentNumber>()
        let incidents = (reported + stillOpen).filter { seen.insert($0.id).inserted }.sorted { $0.id < $1.id }
        let visits = try await sources.visits?.visits(VisitQuery(since: period.from, limit: 100_000)).filter { $0.dispatchedAt < period.until } ?? []
        var states: [IncidentNumber: Postmortem.State] = [:]
        for incident in incidents {
            if let report = try await sources.reports.postmortem(of: incident.id) { states[incident.id] = report.state }
        }
        let statistics = IncidentStatistics.compute(incidents: reported, visits: visits, timeZone: timeZone, now: now)
        var requests: RequestMonthReport?
        if kind == .monthly, let store = sources.requests {
            // A promise due this month may belong to a request of any earlier month (a requirement's
            // delay notice counts back from its promised date), so every request submitted before the end is read.
            let submitted = try await store.requests(RequestQuery(limit: 100_000)).filter { $0.submittedAt < period.until }
            requests = RequestMonthReport.compute(
                submitted, month: period.period, from: period.from, until: period.until, timeZone: timeZone, now: now)
        }
        let markdown = PeriodicReport.render(
            kind: kind, period: period.period, from: period.from, until: period.until, incidents: incidents, visits: visits,
            postmortems: states, statistics: statistics, names: settings.names, timeZone: timeZone, generatedAt: now, requests: requests)
        return PeriodicDocument(kind: kind, period: period.period, from: period.from, until: period.until, markdown: markdown, generatedAt: now)
    }
}
