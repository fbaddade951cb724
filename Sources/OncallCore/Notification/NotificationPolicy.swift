import Foundation

/// The notification rules and the composer in force, applied to every change before it commits.
public struct NotificationPolicy: Sendable {
    public var rules: NotificationRules
    public var composer: any MessageComposer

    public init(rules: NotificationRules, composer: any MessageComposer) {
        self.rules = rules
        self.composer = composer
    }

    /// Adds the change's messages and reminder timers to it.
    public func apply(to change: inout IncidentChange, firedTimer: DueTimer?, now: Date) {
        let plan = NotificationPlanner.plan(change, firedTimer: firedTimer, rules: rules, now: now)
        change.incident = plan.incident
        change.timers += plan.timers
        for intent in plan.intents {
            change.messages += composer.compose(intent, incident: plan.incident, now: now)
        }
    }
}
