import Foundation

/// The configuration one operation runs with. A service reads it once per request or timer
/// cycle, so a reload in between can never mix two configurations in one decision.
public struct ServiceSettings: Sendable {
    public var policy: IncidentPolicy
    /// Who is told what; nil sends nothing.
    public var notifications: NotificationPolicy?
    /// Field dispatch; nil when no branches are configured.
    public var dispatch: DispatchSetup?
    /// How fault reports are owned, reviewed and chased; nil drafts none.
    public var postmortems: PostmortemPolicy?
    /// Display names and the time zone fault reports are written with.
    public var presentation: PostmortemService.Presentation

    public init(
        policy: IncidentPolicy = IncidentPolicy(), notifications: NotificationPolicy? = nil, dispatch: DispatchSetup? = nil,
        postmortems: PostmortemPolicy? = nil, presentation: PostmortemService.Presentation = .init()
    ) {
        self.policy = policy
        self.notifications = notifications
        self.dispatch = dispatch
        self.postmortems = postmortems
        self.presentation = presentation
    }

    /// Which handler fires each timer kind under these settings, with the notifications each
    /// fired timer causes applied to its change.
    public func timerRegistry(now: Date) -> TimerRegistry {
        let notifications = notifications
        return TimerRegistry([
            IncidentLifecycle.timerHandlers(policy: policy, now: now),
            NotificationPlanner.timerHandlers,
            DispatchLifecycle.timerHandlers(setup: dispatch, now: now),
            PostmortemLifecycle.timerHandlers(policy: postmortems, now: now),
            MaintenanceLifecycle.timerHandlers(policy: policy, now: now),
        ]).finishing { context, change in
            notifications?.apply(to: &change, firedTimer: context.timer, now: now)
        }
    }
}

/// Where services read the settings in force (the daemon's reloadable configuration).
public protocol SettingsSource: Sendable {
    var current: ServiceSettings { get }
}

/// Settings that never change: tests, tools.
public struct FixedSettings: SettingsSource {
    public let current: ServiceSettings
    public init(_ settings: ServiceSettings) { current = settings }
}
