import Foundation
import OncallCore

/// What the web view needs from the rest of the daemon, as values and closures the daemon fills.
/// Errors thrown by `review`, `saveSections` and `submit` are expected to be `PostmortemError`s.
public struct WebDependencies: Sendable {
    /// Who may sign in; read on every request, so a reload takes effect at once.
    public var users: @Sendable () -> [WebUser]
    /// Person ids of the emergency group (应急小组), who review reports.
    public var reviewers: @Sendable () -> Set<String>
    /// Incidents not yet resolved.
    public var openIncidents: @Sendable () async throws -> [Incident]
    /// One incident and its timeline, nil when there is none with this number.
    public var incident: @Sendable (IncidentNumber) async throws -> (incident: Incident, timeline: [TimelineEvent])?
    public var search: @Sendable (ArchiveQuery) async throws -> [ArchiveHit]
    /// The incident's fault report and its current document as Markdown, nil when it has none.
    public var report: @Sendable (IncidentNumber) async throws -> (postmortem: Postmortem, markdown: String)?
    /// Fault reports with their incidents, newest first, narrowed to one state and/or one owner
    /// (a person id) when given; reports whose incident is gone are left out.
    public var reports: @Sendable (_ state: Postmortem.State?, _ owner: String?) async throws -> [(postmortem: Postmortem, incident: Incident)]
    /// Approves or sends back a submitted report.
    public var review: @Sendable (IncidentNumber, _ approve: Bool, _ comment: String, PostmortemActor) async throws -> Postmortem
    /// Saves the written sections; `base` (the sections the form was opened on, when it says) refuses a save over a later one.
    public var saveSections: @Sendable (IncidentNumber, PostmortemSections, _ base: PostmortemSections?, PostmortemActor) async throws -> Void
    public var submit: @Sendable (IncidentNumber, PostmortemActor) async throws -> Void
    /// Figures for incidents reported at or after `from` and before `until`.
    public var statistics: @Sendable (_ from: Date, _ until: Date) async throws -> IncidentStatistics
    /// Service requests matching the query, newest first.
    public var requests: @Sendable (RequestQuery) async throws -> [ServiceRequest]
    /// One service request, nil when there is none with this number.
    public var request: @Sendable (RequestNumber) async throws -> ServiceRequest?
    /// Promises kept per kind and month, over the requests submitted at or after `since`.
    public var requestStatistics: @Sendable (_ since: Date) async throws -> RequestStatistics
    /// The release windows of the next `weeks` weeks, moved off holidays.
    public var releases: @Sendable (_ weeks: Int) -> [ReleaseWindow]
    /// Every maintenance window, past ones included.
    public var maintenanceWindows: @Sendable () async throws -> [MaintenanceWindow]
    /// Every declared heartbeat with where it stands now, by name.
    public var heartbeats: @Sendable () async throws -> [HeartbeatService.Reading]
    /// The zone times are shown in and months are counted in.
    public var timeZone: TimeZone
    public var now: @Sendable () -> Date
    public var secureCookies: WebCookieSecurity
    /// How long a sign-in lasts, from the moment of signing in.
    public var sessionLifetime: Duration

    public init(
        users: @escaping @Sendable () -> [WebUser],
        reviewers: @escaping @Sendable () -> Set<String>,
        openIncidents: @escaping @Sendable () async throws -> [Incident],
        incident: @escaping @Sendable (IncidentNumber) async throws -> (incident: Incident, timeline: [TimelineEvent])?,
        search: @escaping @Sendable (ArchiveQuery) async throws -> [ArchiveHit],
        report: @escaping @Sendable (IncidentNumber) async throws -> (postmortem: Postmortem, markdown: String)?,
        reports: @escaping @Sendable (_ state: Postmortem.State?, _ owner: String?) async throws -> [(postmortem: Postmortem, incident: Incident)],
        review: @escaping @Sendable (IncidentNumber, _ approve: Bool, _ comment: String, PostmortemActor) async throws -> Postmortem,
        saveSections: @escaping @Sendable (IncidentNumber, PostmortemSections, _ base: PostmortemSections?, PostmortemActor) async throws -> Void,
        submit: @escaping @Sendable (IncidentNumber, PostmortemActor) async throws -> Void,
        statistics: @escaping @Sendable (_ from: Date, _ until: Date) async throws -> IncidentStatistics,
        requests: @escaping @Sendable (RequestQuery) async throws -> [ServiceRequest],
        request: @escaping @Sendable (RequestNumber) async throws -> ServiceRequest?,
        requestStatistics: @escaping @Sendable (_ since: Date) async throws -> RequestStatistics,
        releases: @escaping @Sendable (_ weeks: Int) -> [ReleaseWindow],
        maintenanceWindows: @escaping @Sendable () async throws -> [MaintenanceWindow],
        heartbeats: @escaping @Sendable () async throws -> [HeartbeatService.Reading],
        timeZone: TimeZone = .current,
        now: @escaping @Sendable () -> Date = { Date() },
        secureCookies: WebCookieSecurity = .auto,
        sessionLifetime: Duration = .seconds(12 * 3600)
    ) {
        self.users = users
        self.reviewers = reviewers
        self.openIncidents = openIncidents
        self.incident = incident
        self.search = search
        self.report = report
        self.reports = reports
        self.review = review
        self.saveSections = saveSections
        self.submit = submit
        self.statistics = statistics
        self.requests = requests
        self.request = request
        self.requestStatistics = requestStatistics
        self.releases = releases
        self.maintenanceWindows = maintenanceWindows
        self.heartbeats = heartbeats
        self.timeZone = timeZone
        self.now = now
        self.secureCookies = secureCookies
        self.sessionLifetime = sessionLifetime
    }
}
