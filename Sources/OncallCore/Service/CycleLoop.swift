import Foundation

/// The one shape of every runtime loop (timers, request promises, heartbeats, regular documents):
/// run a cycle, then sleep until the next due time it returns, a wake-up, or `maxIdle`; a failing
/// cycle is reported and retried after `retryAfter`. Returns when the task is cancelled.
public struct CycleLoop: Sendable {
    let clock: any OncallClock
    let wakeup: Wakeup?
    let maxIdle: Duration
    let retryAfter: Duration

    public init(clock: any OncallClock, wakeup: Wakeup?, maxIdle: Duration, retryAfter: Duration) {
        self.clock = clock
        self.wakeup = wakeup
        self.maxIdle = maxIdle
        self.retryAfter = retryAfter
    }

    public func run(_ cycle: () async throws -> Date?, onError: (any Error) -> Void) async {
        while !Task.isCancelled {
            var deadline = clock.now.adding(maxIdle)
            do {
                if let next = try await cycle() { deadline = min(deadline, next) }
            } catch {
                onError(error)
                deadline = min(deadline, clock.now.adding(retryAfter))
            }
            await sleep(until: deadline)
        }
    }

    /// Returns at `deadline`, at a wake-up, or on cancellation.
    func sleep(until deadline: Date) async {
        let (clock, wakeup) = (clock, wakeup)
        guard let wakeup else {
            try? await clock.sleep(until: deadline)
            return
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await clock.sleep(until: deadline) }
            group.addTask { await wakeup.wait() }
            await group.next()
            group.cancelAll()
        }
    }
}
