import Foundation

/// The one scheduler over the durable timers: fires each due timer through the lifecycle, then
/// sleeps until the next due time, a wake-up (a nearer timer was added), or `maxIdle`.
public struct TimerEngine: Sendable {
    let store: any IncidentStore
    let clock: any OncallClock
    let policy: @Sendable () -> IncidentPolicy
    let notifications: @Sendable () -> NotificationPolicy?
    let dispatch: @Sendable () -> DispatchSetup?
    let postmortems: @Sendable () -> PostmortemPolicy?
    let wakeup: Wakeup
    let maxIdle: Duration
    let batchSize: Int
    let onFired: @Sendable ([DueTimer]) -> Void
    let onError: @Sendable (any Error) -> Void

    public init(
        store: any IncidentStore, clock: any OncallClock, policy: @escaping @Sendable () -> IncidentPolicy,
        notifications: @escaping @Sendable () -> NotificationPolicy? = { nil },
        dispatch: @escaping @Sendable () -> DispatchSetup? = { nil },
        postmortems: @escaping @Sendable () -> PostmortemPolicy? = { nil }, wakeup: Wakeup = Wakeup(), maxIdle: Duration = .seconds(30), batchSize: Int = 200,
        onFired: @escaping @Sendable ([DueTimer]) -> Void = { _ in },
        onError: @escaping @Sendable (any Error) -> Void = { _ in }
    ) {
        self.store = store
        self.clock = clock
        self.policy = policy
        self.notifications = notifications
        self.dispatch = dispatch
        self.postmortems = postmortems
        self.wakeup = wakeup
        self.maxIdle = maxIdle
        self.batchSize = batchSize
        self.onFired = onFired
        self.onError = onError
    }

    /// Wakes the loop so it re-reads the next due time.
    public func wake() { wakeup.signal() }

    /// Fires every timer due at the clock's current time; returns the next due time, if any.
    @discardableResult
    public func runCycle() async throws -> Date? {
        let now = clock.now
        let policy = policy()
        let notifications = notifications()
        while true {
            let dispatch = dispatch()
            let postmortems = postmortems()
            let fired = try await store.fireDueTimers(now: now, limit: batchSize) { timer, incident, visits, postmortem in
                var change = switch (timer.kind.dispatchDeadline != nil || timer.kind == .dispatchBreachEscalation, dispatch) {
                case let (true, setup?): DispatchLifecycle.fire(timer, incident: incident, visits: visits, setup: setup, now: now)
                default:
                    if timer.kind == .postmortemReminder, let postmortems {
                        PostmortemLifecycle.remind(postmortem, of: incident, policy: postmortems, now: now)
                    } else {
                        IncidentLifecycle.fire(timer, on: incident, policy: policy, now: now)
                    }
                }
                notifications?.apply(to: &change, firedTimer: timer, now: now)
                return change
            }
            if !fired.isEmpty { onFired(fired) }
            if fired.count < batchSize { break }
        }
        return try await store.nextTimerDue()
    }

    /// Runs cycles until the task is cancelled. A failing cycle is reported and retried after a second.
    public func run() async {
        while !Task.isCancelled {
            var deadline = clock.now.adding(maxIdle)
            do {
                if let next = try await runCycle() { deadline = min(deadline, next) }
            } catch {
                onError(error)
                deadline = min(deadline, clock.now.addingTimeInterval(1))
            }
            await sleep(until: deadline)
        }
    }

    private func sleep(until deadline: Date) async {
        let clock = clock
        let wakeup = wakeup
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await clock.sleep(until: deadline) }
            group.addTask { await wakeup.wait() }
            await group.next()
            group.cancelAll()
        }
    }
}
