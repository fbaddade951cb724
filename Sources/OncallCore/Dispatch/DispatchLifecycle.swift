import Foundation
import OncallSupport

/// Field dispatch as incident changes: choosing and sending an engineer, the visit's steps, and
/// the visit deadlines' timers. Pure: the caller passes the incident, its visits, the workload and `now`.
public enum DispatchLifecycle {
    /// The result of a dispatch request: the decision (always, for `--explain`) and, when an
    /// engineer was chosen, the change to commit.
    public struct Outcome: Sendable {
        public var decision: DispatchDecision
        public var change: IncidentChange?
    }

    /// Chooses an engineer for the incident and sends them. Refused while a visit is open.
    public static func dispatch(
        _ target: DispatchTarget, skill: String?, incident: Incident, visits: [Visit], workload: EngineerWorkload,
        setup: DispatchSetup, actor: String, now: Date
    ) throws(DispatchError) -> Outcome {
        guard incident.state.isOpen else {
            throw .invalidField("incident", reason: "\(incident.id) is \(incident.state.rawValue); only open incidents are dispatched")
        }
        if let open = visits.last(where: \.isOpen) {
            throw .illegalStep(incident.id, attempt: open.attempt, from: open.state, step: "dispatched again",
                               hint: "cancel the open visit first to re-assign it")
        }
        let request: DispatchRequest
        switch target {
        case let .site(id):
            guard let site = setup.site(id) else { throw .invalidField("site", reason: "no site '\(id)' in dispatch.sites") }
            request = DispatchRequest(site: site, skill: skill, requestedAt: now, excluding: decliners(visits))
        case let .region(text):
            guard let region = setup.regionNames.resolve(text) else {
                throw .invalidRegion(text, reason: "not a GB/T 2260 code or a known region name")
            }
            request = DispatchRequest(region: region, skill: skill, requestedAt: now, excluding: decliners(visits))
        }
        let decision = DispatchPlanner.choose(
            request, branches: setup.branches, engineers: setup.engineers, workload: workload, policy: setup.policy,
            calendar: setup.calendar, now: now)
        guard decision.engineer != nil else { return Outcome(decision: decision, change: nil) }
        let visit = try Visit.dispatch(
            incident: incident.id, attempt: (visits.map(\.attempt).max() ?? 0) + 1, decision: decision, policy: setup.policy,
            calendar: setup.calendar, actor: actor, now: now)
        return Outcome(decision: decision, change: changed(incident, visit, events: visit.events, setup: setup, now: now))
    }

    /// Applies a step to the incident's latest visit. A decline sends the next engineer at once,
    /// keeping the customer's original request time (a decline never buys time).
    public static func step(
        _ step: VisitStep, incident: Incident, visits: [Visit], workload: EngineerWorkload, setup: DispatchSetup,
        actor: String, now: Date
    ) throws(DispatchError) -> IncidentChange {
        guard let latest = visits.max(by: { $0.attempt < $1.attempt }) else {
            throw .invalidField("visit", reason: "\(incident.id) has no field visit")
        }
        let visit = try latest.apply(step, actor: actor, now: now)
        let newEvents = Array(visit.events.dropFirst(latest.events.count))
        var change = changed(incident, visit, events: newEvents, setup: setup, now: now)
        guard case .decline = step else { return change }

        let request = DispatchRequest(
            region: visit.region, site: visit.siteID.flatMap(setup.site), skill: visit.skill, requestedAt: visit.requestedAt,
            excluding: decliners(visits + [visit]))
        let decision = DispatchPlanner.choose(
            request, branches: setup.branches, engineers: setup.engineers, workload: workload, policy: setup.policy,
            calendar: setup.calendar, now: now)
        guard decision.engineer != nil, let next = try? visit.redispatch(decision: decision, policy: setup.policy, actor: IncidentLifecycle.daemonActor, now: now) else {
            change.events.append(TimelineEvent(.slaBreach(.init(
                deadlines: [.accept], attempt: visit.attempt, reason: "declined and no other engineer is available")),
                at: now, actor: IncidentLifecycle.daemonActor))
            return change
        }
        let redispatched = changed(incident, next, events: next.events, setup: setup, now: now)
        change.visits += redispatched.visits
        change.events += redispatched.events
        change.timers += redispatched.timers
        return change
    }

    /// The effect of a visit-deadline timer: a breach is recorded and the project manager told;
    /// still missed `emergencyAfterBreach` later, the emergency group is told.
    public static func fire(_ timer: DueTimer, incident: Incident, visits: [Visit], setup: DispatchSetup, now: Date) -> IncidentChange {
        guard let visit = visits.max(by: { $0.attempt < $1.attempt }) else { return IncidentChange(incident: incident) }
        if timer.kind == .dispatchBreachEscalation {
            let outstanding = DispatchDeadlines.compute(for: visit, policy: setup.policy, calendar: setup.calendar)
                .filter { DispatchDeadlines.status(of: $0, visit: visit, now: now).isOutstandingBreach }
            guard !outstanding.isEmpty else { return IncidentChange(incident: incident) }
            return IncidentChange(incident: incident, events: [TimelineEvent(.slaBreach(.init(
                deadlines: outstanding.map(\.kind), attempt: visit.attempt, engineer: visit.engineer, toEmergencyGroup: true)),
                at: now, actor: IncidentLifecycle.daemonActor)])
        }
        guard let kind = timer.kind.dispatchDeadline,
              let deadline = DispatchDeadlines.deadline(kind, for: visit, policy: setup.policy, calendar: setup.calendar),
              DispatchDeadlines.status(of: deadline, visit: visit, now: now).isBreached
        else { return IncidentChange(incident: incident) }
        return IncidentChange(
            incident: incident,
            events: [TimelineEvent(.slaBreach(.init(
                deadlines: [kind], attempt: visit.attempt, engineer: visit.engineer, branch: visit.branch, dueAt: deadline.dueAt)),
                at: now, actor: IncidentLifecycle.daemonActor)],
            // An earlier breach's escalation must not be pushed back by a later one.
            timers: [.scheduleEarliest(.dispatchBreachEscalation, dueAt: now.adding(setup.policy.emergencyAfterBreach))])
    }

    /// The change that saves `visit`, puts `events` on the timeline and (re)schedules its deadlines
    /// that are still ahead (one already due has fired or is about to: scheduling it again would
    /// record its breach twice).
    static func changed(_ incident: Incident, _ visit: Visit, events: [VisitEvent], setup: DispatchSetup, now: Date) -> IncidentChange {
        var change = IncidentChange(incident: incident)
        change.visits = [visit]
        change.events = events.map { event in
            var facts = event.facts
            facts.attempt = visit.attempt
            facts.engineer = visit.engineer
            facts.branch = visit.branch
            if event.kind == .dispatched {
                facts.arriveBy = visit.arriveBy
                facts.sla = visit.slaKind
            }
            return TimelineEvent(.dispatch(.init(step: event.kind, visit: facts)), at: event.at, actor: event.actor)
        }
        change.timers = DispatchDeadlines.compute(for: visit, policy: setup.policy, calendar: setup.calendar)
            .filter { $0.dueAt > now }
            .map { .schedule(TimerKind.dispatch($0.kind), dueAt: $0.dueAt) }
        return change
    }

    static func decliners(_ visits: [Visit]) -> Set<String> {
        Set(visits.filter { $0.state == .declined }.map(\.engineer))
    }
}
