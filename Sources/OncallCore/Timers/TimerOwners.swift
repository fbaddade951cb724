import Foundation

// Each lifecycle declares the timer kinds it owns; `ServiceSettings.timerRegistry` gathers them.

extension IncidentLifecycle {
    /// Escalation to the emergency group and re-levelling of an ongoing outage.
    public static func timerHandlers(policy: IncidentPolicy, now: Date) -> [TimerKind: TimerHandler] {
        [
            .emergencyEscalation: TimerHandler { context in escalate(context.incident, timer: context.timer, policy: policy, now: now) },
            .relevelLevel2: TimerHandler { context in relevel(context.incident, to: .level2, policy: policy, now: now) },
            .relevelLevel1: TimerHandler { context in relevel(context.incident, to: .level1, policy: policy, now: now) },
        ]
    }
}

extension NotificationPlanner {
    /// A reminder changes no incident: the notification policy, applied to every fired timer,
    /// decides whom it reaches.
    public static let timerHandlers: [TimerKind: TimerHandler] = [
        .reminder: TimerHandler { context in IncidentChange(incident: context.incident) },
    ]
}

extension DispatchLifecycle {
    /// The visit deadlines and a breach's escalation. Without dispatch configured (removed while a
    /// visit was open) a deadline fires and changes nothing.
    public static func timerHandlers(setup: DispatchSetup?, now: Date) -> [TimerKind: TimerHandler] {
        let handler = TimerHandler(needs: .visits) { context in
            guard let setup else { return IncidentChange(incident: context.incident) }
            return fire(context.timer, incident: context.incident, visits: context.visits, setup: setup, now: now)
        }
        let kinds = DispatchDeadlineKind.allCases.map(TimerKind.dispatch) + [.dispatchBreachEscalation]
        return Dictionary(uniqueKeysWithValues: kinds.map { ($0, handler) })
    }
}

extension PostmortemLifecycle {
    /// The reminder to write a fault report; without a report policy it changes nothing.
    public static func timerHandlers(policy: PostmortemPolicy?, now: Date) -> [TimerKind: TimerHandler] {
        [.postmortemReminder: TimerHandler(needs: .postmortem) { context in
            guard let policy else { return IncidentChange(incident: context.incident) }
            return remind(context.postmortem, of: context.incident, policy: policy, now: now)
        }]
    }
}
