import Foundation

/// Fires the service requests' durable promise timers (the owner's warning, the miss that goes
/// to the project managers), then sleeps until the next due time, a wake-up or `maxIdle`.
public struct RequestTimerEngine: Sendable {
    let store: any ServiceRequestStore
    let clock: any OncallClock
    let settings: @Sendable () -> ServiceRequestService.Settings
    let wakeup: Wakeup
    let maxIdle: Duration
    let batchSize: Int
    let onFired: @Sendable ([RequestTimer]) -> Void
    let onError: @Sendable (any Error) -> Void

    public init(
        store: any ServiceRequestStore, clock: any OncallClock, settings: @escaping @Sendable () -> ServiceRequestService.Settings,
        wakeup: Wakeup = Wakeup(), maxIdle: Duration = .seconds(60), batchSize: Int = 100,
        onFired: @escaping @Sendable ([RequestTimer]) -> Void = { _ in }, onError: @escaping @Sendable (any Error) -> Void = { _ in }
    ) {
        self.store = store
        self.clock = clock
        self.settings = settings
        self.wakeup = wakeup
        self.maxIdle = maxIdle
        self.batchSize = batchSize
        self.onFired = onFired
        self.onError = onError
    }

    public func wake() { wakeup.signal() }

    /// Fires every timer due at the clock's current time; returns the next due time, if any.
    @discardableResult
    public func runCycle() async throws -> Date? {
        let (now, settings) = (clock.now, settings())
        while true {
            let fired = try await store.fireDueRequestTimers(now: now, limit: batchSize) { timer, request in
                settings.composed(RequestLifecycle.fire(timer, on: request, policy: settings.policy, now: now), now: now)
            }
            if !fired.isEmpty { onFired(fired) }
            if fired.count < batchSize { break }
        }
        return try await store.nextRequestTimerDue()
    }

    /// Runs cycles until cancelled; a failing cycle is reported and retried after a second.
    public func run() async {
        await CycleLoop(clock: clock, wakeup: wakeup, maxIdle: maxIdle, retryAfter: .seconds(1)).run({ try await runCycle() }, onError: onError)
    }
}
