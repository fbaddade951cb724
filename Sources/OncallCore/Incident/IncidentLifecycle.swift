import Foundation
import OncallSupport

/// The incident state machine: pure decisions from (incident, request, policy, now) to an `IncidentChange`.
///
/// Nothing here reads the clock or touches storage; the caller passes `now` and commits the result.
public enum IncidentLifecycle {
    /// The actor recorded for what the daemon does on its own (timers).
    public static let daemonActor = "oncalld"

    /// Largest clock skew tolerated for times the reporter gives (an outage "starting" slightly in the future).
    static let allowedSkew: TimeInterval = 300

    // MARK: - Report

    /// A new incident from a report form: classified, with its escalation and re-levelling timers.
    public static func open(
        _ form: ReportForm, id: IncidentNumber, actor: String, policy: IncidentPolicy, now: Date
    ) throws(LifecycleError) -> IncidentChange {
        let form = try validated(form, now: now)
        let outage = form.outageStarted.map { started in
            Duration.interval(max(0, (form.outageEnded ?? now).timeIntervalSince(started)))
        }
        let level = Classifier.classify(scope: form.scope, outage: outage, thresholds: policy.thresholds)
        let incident = Incident(id: id, form: form, level: level, state: .reported, reportedAt: now, reportedBy: actor)

        let delay = policy.escalation.delay(for: level)
        let facts = TimelineFacts.Report(level: level, scope: form.scope, outage: outage?.compact, emergencyAfter: delay.compact)

        var timers: [TimerChange] = [.schedule(.emergencyEscalation, dueAt: now.adding(delay))]
        if incident.outageIsOngoing, let started = form.outageStarted {
            timers += relevelTimers(level: level, outageStarted: started, thresholds: policy.thresholds)
        }
        return IncidentChange(
            incident: incident,
            events: [TimelineEvent(.reported(facts), at: now, actor: actor)],
            timers: timers
        )
    }

    /// The re-levelling timers an ongoing outage at `level` still needs.
    static func relevelTimers(level: Level, outageStarted: Date, thresholds: LevelThresholds) -> [TimerChange] {
        var timers: [TimerChange] = []
        if level == .level3 {
            timers.append(.schedule(.relevelLevel2, dueAt: outageStarted.adding(thresholds.level2After)))
        }
        if level != .level1 {
            timers.append(.schedule(.relevelLevel1, dueAt: outageStarted.adding(thresholds.level1After)))
        }
        return timers
    }

    static func validated(_ form: ReportForm, now: Date) throws(LifecycleError) -> ReportForm {
        var form = form
        form.subject = try required(form.subject, field: "subject", maxLength: 500)
        form.organisation = try required(form.organisation, field: "organisation", maxLength: 200)
        form.reporter = try required(form.reporter, field: "reporter", maxLength: 200)
        if let started = form.outageStarted, started.timeIntervalSince(now) > allowedSkew {
            throw .invalidField("outage_started", reason: "is in the future")
        }
        if let ended = form.outageEnded {
            guard let started = form.outageStarted else {
                throw .invalidField("outage_ended", reason: "is given without outage_started")
            }
            if ended < started { throw .invalidField("outage_ended", reason: "is before outage_started") }
            if ended.timeIntervalSince(now) > allowedSkew { throw .invalidField("outage_ended", reason: "is in the future") }
        }
        return form
    }

    static func required(_ text: String, field: String, maxLength: Int) throws(LifecycleError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { throw .invalidField(field, reason: "is required") }
        if trimmed.count > maxLength { throw .invalidField(field, reason: "is longer than \(maxLength) characters") }
        return trimmed
    }

    // MARK: - Commands

    /// The effect of a person's command, or why it is refused.
    public static func apply(
        _ command: IncidentCommand, to incident: Incident, actor: String, policy: IncidentPolicy, now: Date
    ) throws(LifecycleError) -> IncidentChange {
        var next = incident
        switch command {
        case .acknowledge:
            switch incident.state {
            case .reported:
                next.state = .acknowledged
            case .escalated where incident.acknowledgedAt == nil:
                break  // the emergency group has it; record who took it without stepping back
            default:
                throw refusal(incident, command, hint: incident.acknowledgedAt == nil ? "" : "it was acknowledged already")
            }
            next.acknowledgedAt = now
            return IncidentChange(incident: next, events: [TimelineEvent(.acknowledged, at: now, actor: actor)])

        case let .escalate(reason):
            let reason = try required(reason, field: "reason", maxLength: 2000)
            guard incident.state == .reported || incident.state == .acknowledged else {
                throw refusal(incident, command, hint: incident.state == .escalated ? "the emergency group has it already" : "")
            }
            next.state = .escalated
            next.escalatedAt = now
            // The timer's purpose is achieved; keeping it would only produce a no-op later.
            return IncidentChange(
                incident: next,
                events: [TimelineEvent(.escalated(.init(reason: reason, trigger: .manual)), at: now, actor: actor)],
                timers: [.cancel(.emergencyEscalation)]
            )

        case let .resolve(summary):
            let summary = try required(summary, field: "summary", maxLength: 20_000)
            guard incident.state.isOpen else { throw refusal(incident, command, hint: "") }
            next.state = .resolved
            next.resolvedAt = now
            next.resolutionSummary = summary
            if next.form.outageStarted != nil, next.form.outageEnded == nil { next.form.outageEnded = now }
            return IncidentChange(
                incident: next,
                events: [TimelineEvent(.resolved(.init(summary: summary)), at: now, actor: actor)],
                timers: TimerKind.allCases.map { .cancel($0) }
            )

        case .close:
            guard incident.state == .resolved else {
                throw refusal(incident, command, hint: incident.state.isOpen ? "resolve it first" : "")
            }
            next.state = .closed
            next.closedAt = now
            return IncidentChange(incident: next, events: [TimelineEvent(.closed, at: now, actor: actor)])

        case let .addNote(text):
            let text = try required(text, field: "text", maxLength: 20_000)
            return IncidentChange(incident: next, events: [TimelineEvent(.note(.init(text: text)), at: now, actor: actor)])
        }
    }

    static func refusal(_ incident: Incident, _ command: IncidentCommand, hint: String) -> LifecycleError {
        .illegalTransition(incident.id, from: incident.state, command: command.verb, hint: hint)
    }

    // MARK: - Timers

    /// The effect of one of this lifecycle's timers (`timerHandlers`); another kind changes nothing.
    public static func fire(_ timer: DueTimer, on incident: Incident, policy: IncidentPolicy, now: Date) -> IncidentChange {
        timerHandlers(policy: policy, now: now)[timer.kind]?.fire(TimerContext(timer: timer, incident: incident))
            ?? IncidentChange(incident: incident)
    }

    /// The escalation timer: an incident not resolved in time goes to the emergency group. A timer
    /// whose purpose has passed changes nothing.
    static func escalate(_ incident: Incident, timer: DueTimer, policy: IncidentPolicy, now: Date) -> IncidentChange {
        guard incident.state == .reported || incident.state == .acknowledged else {
            return IncidentChange(incident: incident)
        }
        var next = incident
        next.state = .escalated
        next.escalatedAt = now
        // The policy, not the due time, says why: a re-levelling may have brought the timer forward.
        let delay = policy.escalation.delay(for: incident.level)
        let reason = delay <= .zero
            ? "level \(incident.level.rawValue) goes to the emergency group at once"
            : "not resolved within \(delay.compact) of the report"
        return IncidentChange(
            incident: next,
            events: [TimelineEvent(.escalated(.init(reason: reason, trigger: .timer, dueAt: timer.dueAt)), at: now, actor: daemonActor)]
        )
    }

    /// A re-levelling timer: an outage still going on is raised to `target`.
    static func relevel(_ incident: Incident, to target: Level, policy: IncidentPolicy, now: Date) -> IncidentChange {
        guard incident.outageIsOngoing, target.isMoreSevere(than: incident.level) else {
            return IncidentChange(incident: incident)
        }
        let threshold = target == .level2 ? policy.thresholds.level2After : policy.thresholds.level1After
        var next = incident
        next.level = target
        let event = TimelineEvent(.relevelled(.init(
            from: incident.level, to: target, reason: "outage still ongoing after \(threshold.compact)")), at: now, actor: daemonActor)
        return IncidentChange(incident: next, events: [event], timers: escalationAdjustment(incident, to: target, policy: policy, now: now))
    }

    /// A higher level may have a shorter escalation delay (e.g. level 1 at once): bring the timer forward, never back.
    static func escalationAdjustment(_ incident: Incident, to level: Level, policy: IncidentPolicy, now: Date) -> [TimerChange] {
        // A held incident's escalation starts only when its window ends.
        guard incident.state == .reported || incident.state == .acknowledged, incident.maintenance == nil else { return [] }
        let current = incident.reportedAt.adding(policy.escalation.delay(for: incident.level))
        let wanted = incident.reportedAt.adding(policy.escalation.delay(for: level))
        guard wanted < current else { return [] }
        return [.schedule(.emergencyEscalation, dueAt: max(wanted, now))]
    }
}
