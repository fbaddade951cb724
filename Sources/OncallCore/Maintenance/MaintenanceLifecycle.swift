import Foundation

/// Pure decisions about maintenance windows: checking a new one, holding an incident that
/// arrives in one, and paging it as if new when the window ends.
public enum MaintenanceLifecycle {
    /// The longest window accepted; anything longer is more likely a typo than a plan.
    public static let longest = Duration.seconds(31 * 24 * 3600)

    /// A window from a request at `now`, or why it is refused (nothing is stored then).
    public static func plan(_ request: MaintenanceRequest, id: Int64, actor: String, now: Date) throws(LifecycleError) -> MaintenanceWindow {
        let reason = try IncidentLifecycle.required(request.reason, field: "reason", maxLength: 2000)
        let services = request.services.map { $0.trimmingCharacters(in: .whitespaces) }
        if services.contains(where: \.isEmpty) { throw .invalidField("services", reason: "must not contain an empty name") }
        if request.matchers.contains(where: { $0.key.isEmpty || $0.value.isEmpty }) {
            throw .invalidField("matchers", reason: "must be label=value pairs with both parts given")
        }
        guard !services.isEmpty || !request.matchers.isEmpty else {
            throw .invalidField("services", reason: "a window needs services or matchers")
        }
        let start = request.startsAt ?? now
        let end: Date
        switch (request.endsAt, request.duration) {
        case let (given?, nil): end = given
        case let (nil, duration?): end = start.adding(duration)
        case (nil, nil): throw .invalidField("ends_at", reason: "is required (or a duration)")
        case (_?, _?): throw .invalidField("duration", reason: "is given with ends_at; give one of them")
        }
        guard end > start else { throw .invalidField("ends_at", reason: "must be after the start") }
        guard end > now else { throw .invalidField("ends_at", reason: "is in the past") }
        guard end.timeIntervalSince(start) <= longest.timeInterval else {
            throw .invalidField("ends_at", reason: "makes the window longer than \(longest.compact)")
        }
        return MaintenanceWindow(
            id: id, startsAt: start, endsAt: end, services: services, matchers: request.matchers, reason: reason,
            createdBy: actor, createdAt: now)
    }

    /// The window that holds an incident of `service` with `labels` at `now`: of those active
    /// and covering it, the one ending last (so overlapping windows hold it until the last ends).
    public static func holding(service: String?, labels: [String: String], among windows: [MaintenanceWindow], at now: Date) -> MaintenanceWindow? {
        windows.filter { $0.isActive(at: now) && $0.covers(service: service, labels: labels) }
            .max { ($0.effectiveEnd, $0.id) < ($1.effectiveEnd, $1.id) }
    }

    /// Marks a new incident's opening change as held by `window`: its escalation waits for the
    /// window's end (`maintenanceRelease`), and the notification planner sends nothing while held.
    public static func hold(_ change: inout IncidentChange, in window: MaintenanceWindow, now: Date) {
        let until = window.effectiveEnd
        change.incident.maintenance = MaintenanceHold(window: window.id, until: until)
        change.timers = change.timers.filter { timer in
            if case .schedule(.emergencyEscalation, _) = timer { return false }
            return true
        } + [.schedule(.maintenanceRelease, dueAt: until)]
        change.events.append(TimelineEvent(
            .maintenanceHeld(.init(window: window.label, until: until, reason: window.reason)), at: now, actor: IncidentLifecycle.daemonActor))
    }

    /// The release timer: an incident still open when its window ends is paged as if new (the
    /// planner sends the report's messages and the escalation timer starts now); a resolved one stays quiet.
    static func release(_ incident: Incident, timer: DueTimer, policy: IncidentPolicy, now: Date) -> IncidentChange {
        guard incident.state.isOpen, let hold = incident.maintenance else { return IncidentChange(incident: incident) }
        var next = incident
        next.maintenance = nil
        var timers: [TimerChange] = []
        if incident.state == .reported || incident.state == .acknowledged {
            timers.append(.schedule(.emergencyEscalation, dueAt: now.adding(policy.escalation.delay(for: incident.level))))
        }
        let event = TimelineEvent(
            .maintenanceReleased(.init(window: "MW-\(hold.window)", plannedUntil: hold.until)), at: now, actor: IncidentLifecycle.daemonActor)
        return IncidentChange(incident: next, events: [event], timers: timers)
    }

    /// This lifecycle's one timer kind.
    public static func timerHandlers(policy: IncidentPolicy, now: Date) -> [TimerKind: TimerHandler] {
        [.maintenanceRelease: TimerHandler { context in release(context.incident, timer: context.timer, policy: policy, now: now) }]
    }
}
