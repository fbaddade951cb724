import Foundation

/// The one scheduler over the durable timers: fires each due timer through the lifecycle, then
/// sleeps until the next due time, a wake-up (a nearer timer was added), or `maxIdle`.
public struct TimerEngine: Sendable {
    let store: any TimerStore
    let clock: any OncallClock
    let settings: any SettingsSource
    let wakeup: Wakeup
    let maxIdle: Duration
    let batchSize: Int
    let onFired: @Sendable ([DueTimer]) -> Void
    let onUnknownKinds: @Sendable ([String: Int]) -> Void
    let onError: @Sendable (any Error) -> Void

    /// - Parameters:
    ///   - settings: read once per cycle; its timer registry says who fires each kind.
    ///   - onUnknownKinds: due timers no handler owns (another version's kinds), left pending.
    public init(
        store: any TimerStore, clock: any OncallClock, settings: any SettingsSource,
        wakeup: Wakeup = Wakeup(), maxIdle: Duration = .seconds(30), batchSize: Int = 200,
        onFired: @escaping @Sendable ([DueTimer]) -> Void = { _ in },
        onUnknownKinds: @escaping @Sendable ([String: Int]) -> Void = { _ in },
        onError: @escaping @Sendable (any Error) -> Void = { _ in }
    ) {
        self.store = store
        self.clock = clock
        self.settings = settings
        self.wakeup = wakeup
        self.maxIdle = maxIdle
        self.batchSize = batchSize
        self.onFired = onFired
        self.onUnknownKinds = onUnknownKinds
        self.onError = onError
    }

    /// Wakes the loop so it re-reads the next due time.
    public func wake() { wakeup.signal() }

    /// Fires every timer due at the clock's current time; returns the next due time, if any.
    @discardableResult
    public func runCycle() async throws -> Date? {
        let now = clock.now
        let registry = settings.current.timerRegistry(now: now)
        while true {
            let cycle = try await store.fireDueTimers(now: now, limit: batchSize, registry: registry)
            if !cycle.fired.isEmpty { onFired(cycle.fired) }
            if !cycle.unknownKinds.isEmpty { onUnknownKinds(cycle.unknownKinds) }
            if cycle.fired.count < batchSize { break }
        }
        return try await store.nextTimerDue(of: registry.kinds)
    }

    /// Runs cycles until the task is cancelled. A failing cycle is reported and retried after a second.
    public func run() async {
        await CycleLoop(clock: clock, wakeup: wakeup, maxIdle: maxIdle, retryAfter: .seconds(1)).run({ try await runCycle() }, onError: onError)
    }
}
