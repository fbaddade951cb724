import Foundation

/// Decides who is told what when an incident changes: pure, from the change, the rules and `now`.
public enum NotificationPlanner {
    /// The notifications and reminder timers a change causes. `firedTimer` is the timer whose
    /// firing produced the change, if any (reminders are decided here, not by the lifecycle).
    public static func plan(
        _ change: IncidentChange, firedTimer: DueTimer?, rules: NotificationRules, now: Date
    ) -> (intents: [NotificationIntent], timers: [TimerChange], incident: Incident) {
        var incident = change.incident
        // A maintenance window holds the incident's pages until it ends (`MaintenanceLifecycle.release`);
        // what people asked for themselves (a visit, a fault report) still reaches them.
        let held = incident.maintenance != nil
        var intents: [NotificationIntent] = []
        var timers: [TimerChange] = []
        let chain = rules.chain(for: incident.level)
        func add(_ purpose: NotificationPurpose, _ audience: [Audience], facts: TimelineFacts? = nil) {
            let people = rules.people(audience, at: now)
            if !people.isEmpty { intents.append(NotificationIntent(purpose: purpose, recipients: people, facts: facts)) }
        }

        for event in change.events {
            if held, !event.facts.reachesPeopleWhileHeld { continue }
            switch event.facts {
            case .reported, .maintenanceReleased:
                add(.reported, chain.atReport)
                if let every = chain.reminderEvery, chain.reminderTimes > 0, incident.acknowledgedAt == nil {
                    timers.append(.schedule(.reminder, dueAt: now.adding(every)))
                }
            case .escalated:
                add(.escalated, chain.onEscalation)
            case let .relevelled(relevelling):
                let from = relevelling.from
                let escalated = incident.state == .escalated ? chain.onEscalation : []
                add(.relevelled(from: from, to: incident.level), chain.atReport + escalated)
            case .acknowledged:
                timers.append(.cancel(.reminder))
            case .resolved:
                if chain.notifyOnResolve {
                    add(.resolved, chain.atReport + (incident.escalatedAt == nil ? [] : chain.onEscalation))
                }
            case let .dispatch(visitStep):
                if visitStep.step == .dispatched, let engineer = visitStep.visit.engineer {
                    add(.dispatched, [.person(engineer)], facts: event.facts)
                } else if [.declined, .cancelled, .completed].contains(visitStep.step) {
                    add(.visit(step: visitStep.step), [.projectManagers], facts: event.facts)
                }
            case let .slaBreach(breach):
                add(.slaBreach(deadlines: breach.deadlines), breach.toEmergencyGroup ? [.emergencyGroup] : [.projectManagers], facts: event.facts)
            case let .postmortem(report):
                // Reports go to their owner; a submitted one to the emergency group, which reviews it.
                switch report.step {
                case .submitted: add(.postmortem(step: report.step), [.emergencyGroup], facts: event.facts)
                case .drafted, .rejected, .approved, .reminded:
                    add(.postmortem(step: report.step), [.person(report.owner)], facts: event.facts)
                case .edited: break
                }
            case .note, .closed, .maintenanceHeld:
                break
            }
        }

        if !held, firedTimer?.kind == .reminder, incident.state.isOpen, incident.acknowledgedAt == nil,
           incident.remindersSent < chain.reminderTimes {
            incident.remindersSent += 1
            add(.reminder(number: incident.remindersSent, of: chain.reminderTimes), chain.atReport)
            if let every = chain.reminderEvery, incident.remindersSent < chain.reminderTimes {
                timers.append(.schedule(.reminder, dueAt: now.adding(every)))
            }
        }
        return (intents, timers, incident)
    }
}

extension TimelineFacts {
    /// Entries whose messages go out even while a maintenance window holds the incident's pages.
    var reachesPeopleWhileHeld: Bool {
        switch self {
        case .dispatch, .slaBreach, .postmortem: true
        default: false
        }
    }
}
