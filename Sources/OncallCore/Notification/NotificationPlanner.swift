import Foundation

/// Decides who is told what when an incident changes: pure, from the change, the rules and `now`.
public enum NotificationPlanner {
    /// The notifications and reminder timers a change causes. `firedTimer` is the timer whose
    /// firing produced the change, if any (reminders are decided here, not by the lifecycle).
    public static func plan(
        _ change: IncidentChange, firedTimer: DueTimer?, rules: NotificationRules, now: Date
    ) -> (intents: [NotificationIntent], timers: [TimerChange], incident: Incident) {
        var incident = change.incident
        var intents: [NotificationIntent] = []
        var timers: [TimerChange] = []
        let chain = rules.chain(for: incident.level)
        func add(_ purpose: NotificationPurpose, _ audience: [Audience], details: [String: String] = [:]) {
            let people = rules.people(audience, at: now)
            if !people.isEmpty { intents.append(NotificationIntent(purpose: purpose, recipients: people, details: details)) }
        }

        for event in change.events {
            switch event.kind {
            case .reported:
                add(.reported, chain.atReport)
                if let every = chain.reminderEvery, chain.reminderTimes > 0, incident.acknowledgedAt == nil {
                    timers.append(.schedule(.reminder, dueAt: now.adding(every)))
                }
            case .escalated:
                add(.escalated, chain.onEscalation)
            case .relevelled:
                let from = event.details["from_level"].flatMap(Int.init).flatMap(Level.init(rawValue:)) ?? incident.level
                let escalated = incident.state == .escalated ? chain.onEscalation : []
                add(.relevelled(from: from, to: incident.level), chain.atReport + escalated)
            case .acknowledged:
                timers.append(.cancel(.reminder))
            case .resolved:
                if chain.notifyOnResolve {
                    add(.resolved, chain.atReport + (incident.escalatedAt == nil ? [] : chain.onEscalation))
                }
            case .dispatch:
                let step = event.details["step"] ?? ""
                if step == "dispatched", let engineer = event.details["engineer"] {
                    add(.dispatched, [.person(engineer)], details: event.details)
                } else if ["declined", "cancelled", "completed"].contains(step) {
                    add(.visit(step: step), [.projectManagers], details: event.details)
                }
            case .slaBreach:
                let deadline = event.details["deadline"] ?? "visit"
                let escalated = event.details["escalation"] == "emergency_group"
                add(.slaBreach(deadline: deadline), escalated ? [.emergencyGroup] : [.projectManagers], details: event.details)
            case .postmortem:
                // Reports go to their owner; a submitted one to the emergency group, which reviews it.
                let step = event.details["step"] ?? ""
                if step == "submitted" {
                    add(.postmortem(step: step), [.emergencyGroup], details: event.details)
                } else if ["drafted", "rejected", "approved", "reminded"].contains(step), let owner = event.details["owner"] {
                    add(.postmortem(step: step), [.person(owner)], details: event.details)
                }
            case .note, .closed:
                break
            }
        }

        if firedTimer?.kind == .reminder, incident.state.isOpen, incident.acknowledgedAt == nil,
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
