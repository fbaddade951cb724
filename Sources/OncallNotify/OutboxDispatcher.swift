import Foundation
import OncallCore
import Synchronization

/// Works the durable outbox: sends due messages concurrently, logs every attempt, and retries
/// with exponential backoff and jitter until delivered or dead.
///
/// Each recipient's messages go out one at a time in the order they were written (``DeliveryQueue``):
/// the store hands out only the head of each queue, so a message waiting for its retry holds back
/// the later ones to the same recipient while other recipients' messages keep flowing. A dead
/// message releases the ones behind it (``onQueueReleased``).
///
/// A message is recorded only after its attempt; a crash between the two re-sends it once after
/// restart with the same id (the Message-ID / `Idempotency-Key`), so the far end can drop the duplicate.
public final class OutboxDispatcher: Sendable {
    let store: any DeliveryStore
    let clock: any OncallClock
    let settings: @Sendable () -> DeliverySettings
    let sender: MessageSender
    let maxConcurrent: Int
    let maxIdle: Duration
    let jitter: @Sendable () -> Double
    let onAttempt: @Sendable (DeliveryAttempt, OutboxMessage, Date?) -> Void
    let onQueueReleased: @Sendable (OutboxMessage, Int) -> Void
    let onError: @Sendable (any Error) -> Void
    let wakeup = Wakeup()
    let limiter = RateLimiter()
    private let inFlight = Mutex<Set<String>>([])

    /// - Parameters:
    ///   - onAttempt: called after each attempt is recorded, with the retry time (nil: delivered or dead).
    ///   - onQueueReleased: called after a message went dead with the number of messages that were
    ///     waiting behind it in its queue and now go on.
    public init(
        store: any DeliveryStore, clock: any OncallClock, settings: @escaping @Sendable () -> DeliverySettings,
        sender: MessageSender = MessageSender(), maxConcurrent: Int = 16, maxIdle: Duration = .seconds(30),
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        onAttempt: @escaping @Sendable (DeliveryAttempt, OutboxMessage, Date?) -> Void = { _, _, _ in },
        onQueueReleased: @escaping @Sendable (OutboxMessage, Int) -> Void = { _, _ in },
        onError: @escaping @Sendable (any Error) -> Void = { _ in }
    ) {
        self.store = store
        self.clock = clock
        self.settings = settings
        self.sender = sender
        self.maxConcurrent = maxConcurrent
        self.maxIdle = maxIdle
        self.jitter = jitter
        self.onAttempt = onAttempt
        self.onQueueReleased = onQueueReleased
        self.onError = onError
    }

    /// Wakes the loop: new messages were committed.
    public func wake() { wakeup.signal() }

    /// Runs until cancelled; in-flight sends finish (their request timeouts bound them) before it returns.
    public func run() async {
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled {
                var deadline = clock.now.adding(maxIdle)
                do {
                    let (started, next) = try await startDue()
                    for pending in started {
                        group.addTask { await self.attempt(pending) }
                    }
                    if let next { deadline = min(deadline, next) }
                } catch {
                    onError(error)
                    deadline = min(deadline, clock.now.addingTimeInterval(1))
                }
                await sleep(until: deadline)
            }
        }
    }

    /// Picks the due queue heads there is room and rate for, marks them in flight, and returns
    /// them with the time the loop should look again.
    func startDue() async throws -> (started: [PendingDelivery], next: Date?) {
        let now = clock.now
        let settings = settings()
        let busy = inFlight.withLock { $0 }
        let room = maxConcurrent - busy.count
        // Every slot is taken: the next attempt to finish wakes the loop.
        guard room > 0 else { return ([], nil) }
        var started: [PendingDelivery] = []
        var waiting = busy
        var rateAvailable: Date?
        for pending in try await store.dueDeliveries(now: now, limit: room, excluding: busy) {
            let limit = ChannelKind(rawValue: pending.message.channel).flatMap { settings.rateLimits[$0] }
            if let available = limiter.take(pending.message.channel, limitPerMinute: limit, now: now) {
                rateAvailable = min(rateAvailable ?? available, available)
            } else {
                started.append(pending)
            }
            waiting.insert(pending.message.id)
        }
        inFlight.withLock { $0.formUnion(started.map(\.message.id)) }
        // In-flight messages wake the loop when they are recorded; rate-limited ones are due when a token is back.
        var next = try await store.nextDeliveryDue(excluding: waiting)
        if let rateAvailable { next = min(next ?? rateAvailable, rateAvailable) }
        if started.isEmpty, let soonest = next, soonest <= now { next = now.addingTimeInterval(0.2) }
        return (started, next)
    }

    /// One attempt at one message, recorded with its outcome and the next step.
    func attempt(_ pending: PendingDelivery) async {
        let message = pending.message
        defer {
            inFlight.withLock { _ = $0.remove(message.id) }
            wakeup.signal()
        }
        let settings = settings()
        let outcome = await sender.send(message, settings: settings, now: clock.now)
        let now = clock.now
        let number = pending.attempts + 1
        let retryAt = outcome.isRetryable ? settings.retry.retryAt(afterAttempts: number, now: now, jitter: jitter()) : nil
        let attempt = DeliveryAttempt(messageID: message.id, number: number, at: now, result: outcome.result, detail: outcome.detail)
        do {
            try await store.record(attempt, retryAt: retryAt)
            onAttempt(attempt, message, retryAt)
            if !outcome.isDelivered, retryAt == nil {
                let released = try await store.pendingCount(in: message.queue)
                if released > 0 { onQueueReleased(message, released) }
            }
        } catch {
            onError(error)
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
