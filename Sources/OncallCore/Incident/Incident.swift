import Foundation

/// A reported fault and where it stands. Its history lives in its timeline (`TimelineEvent`).
public struct Incident: Sendable, Equatable, Identifiable {
    public var id: IncidentNumber
    public var form: ReportForm
    public var level: Level
    public var state: IncidentState
    /// When oncalld received the report; the escalation timer counts from here.
    public var reportedAt: Date
    public var acknowledgedAt: Date?
    public var escalatedAt: Date?
    public var resolvedAt: Date?
    public var closedAt: Date?
    /// What fixed it, as given at resolution.
    public var resolutionSummary: String?
    /// Who or what reported it (`unix:alice`, `token:monitoring`).
    public var reportedBy: String
    /// Reminders sent so far to people who have not acknowledged it.
    public var remindersSent: Int
    /// Set while a maintenance window holds its pages; cleared when the window ends.
    public var maintenance: MaintenanceHold?

    public init(
        id: IncidentNumber, form: ReportForm, level: Level, state: IncidentState, reportedAt: Date,
        acknowledgedAt: Date? = nil, escalatedAt: Date? = nil, resolvedAt: Date? = nil, closedAt: Date? = nil,
        resolutionSummary: String? = nil, reportedBy: String, remindersSent: Int = 0,
        maintenance: MaintenanceHold? = nil
    ) {
        self.id = id
        self.form = form
        self.level = level
        self.state = state
        self.reportedAt = reportedAt
        self.acknowledgedAt = acknowledgedAt
        self.escalatedAt = escalatedAt
        self.resolvedAt = resolvedAt
        self.closedAt = closedAt
        self.resolutionSummary = resolutionSummary
        self.reportedBy = reportedBy
        self.remindersSent = remindersSent
        self.maintenance = maintenance
    }

    /// Whether the outage is still going on, so that it keeps getting worse with time.
    public var outageIsOngoing: Bool {
        form.outageStarted != nil && form.outageEnded == nil && state.isOpen
    }
}
