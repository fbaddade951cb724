import Foundation
import OncallCore
@testable import OncallNotify
import OncallStore
import OncallTesting
import Synchronization
import Testing

/// The dispatcher over a real SQLite outbox, with a scripted channel and a clock moved by hand:
/// each cycle is `startDue()` and then every attempt it started, one after another, so the order
/// of sends is the order the dispatcher chose.
@Suite("Outbox dispatcher: per-recipient order, held queues, dead letters")
final class OutboxDispatcherTests: Sendable {
    let directory = NSTemporaryDirectory() + "oncall-dispatcher-" + UUID().uuidString
    let clock = ManualClock(now: t0)
    let channel = ScriptedChannel()
    let released = Mutex<[String: Int]>([:])

    init() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    /// Retries after 10 s, 20 s…, with no jitter: the first retry is due 5 s after the attempt (equal jitter's lower end).
    func dispatcher(_ store: SQLiteStore) -> OutboxDispatcher {
        let settings = DeliverySettings(
            people: [:], timeZone: TimeZone(identifier: "Asia/Shanghai")!,
            retry: RetryPolicy(maxAttempts: 3, initialBackoff: .seconds(10), maxBackoff: .seconds(60)))
        return OutboxDispatcher(
            store: store.repositories.deliveries, clock: clock, settings: { settings }, sender: MessageSender(channels: [channel]),
            jitter: { 0 }, onQueueReleased: { message, count in self.released.withLock { $0[message.id] = count } })
    }

    /// Opens an incident whose change queues one email per (id, address), in that order.
    func report(_ store: SQLiteStore, _ messages: [(id: String, to: String)]) async throws {
        let now = clock.now
        _ = try await store.repositories.incidents.create(idempotencyKey: nil) { id in
            var change = try IncidentLifecycle.open(.fixture(), id: id, actor: "unix:alice", policy: IncidentPolicy(), now: now)
            change.messages = messages.map {
                OutboxMessage(id: $0.id, incident: id, channel: "email", target: $0.to, recipients: [], subject: "s", body: "b",
                              purpose: "new fault", createdAt: now)
            }
            return change
        }
    }

    /// One cycle: what it started (and attempted), and when it will look again.
    func cycle(_ dispatcher: OutboxDispatcher) async throws -> (started: [String], next: Date?) {
        let (started, next) = try await dispatcher.startDue()
        for pending in started { await dispatcher.attempt(pending) }
        return (started.map(\.message.id), next)
    }

    @Test("li.na's first mail waits 5 s for its retry: her second waits behind it, zhang.wei's go at once; then hers go in order")
    func retryHoldsOnlyItsRecipient() async throws {
        let store = try SQLiteStore(path: directory + "/hold.sqlite")
        channel.script(["li.na@example.com": [.retryable(detail: "SMTP 421 try later"), .delivered(detail: "SMTP 250")]])
        try await report(store, [("a1", "li.na@example.com"), ("b1", "zhang.wei@example.com")])
        try await report(store, [("a2", "li.na@example.com"), ("b2", "zhang.wei@example.com")])
        let dispatcher = dispatcher(store)

        #expect(try await cycle(dispatcher).started == ["a1", "b1"])
        let second = try await cycle(dispatcher)
        #expect(second.started == ["b2"], "zhang.wei's queue flows; a2 waits behind a1")
        #expect(second.next == t0 + 5, "the loop sleeps until a1's retry, not polling for the held a2")
        let idle = try await cycle(dispatcher)
        #expect(idle.started.isEmpty && idle.next == t0 + 5)

        clock.advance(by: .seconds(5))
        #expect(try await cycle(dispatcher).started == ["a1"])
        #expect(try await cycle(dispatcher).started == ["a2"])
        #expect(channel.sent == ["a1", "b1", "b2", "a1", "a2"])
        #expect(try await store.repositories.deliveries.deliveryCounts() == [.delivered: 4])
        #expect(released.withLock { $0 }.isEmpty, "nothing went dead")
    }

    @Test("a dead mail releases the two queued behind it, and says so; they go in order")
    func deadReleasesItsRecipient() async throws {
        let store = try SQLiteStore(path: directory + "/dead.sqlite")
        channel.script(["li.na@example.com": [.permanent(detail: "SMTP 550 no such user"), .delivered(detail: "SMTP 250")]])
        try await report(store, [("a1", "li.na@example.com")])
        try await report(store, [("a2", "li.na@example.com")])
        try await report(store, [("a3", "li.na@example.com")])
        let dispatcher = dispatcher(store)

        #expect(try await cycle(dispatcher).started == ["a1"])
        #expect(released.withLock { $0 } == ["a1": 2])
        #expect(try await cycle(dispatcher).started == ["a2"])
        #expect(try await cycle(dispatcher).started == ["a3"])
        #expect(channel.sent == ["a1", "a2", "a3"])
        #expect(released.withLock { $0 } == ["a1": 2], "delivered messages release nothing worth saying")
    }
}

/// An email channel whose answers a test scripts per address: each attempt takes the next answer
/// (the last one repeats; an address without a script is delivered). Records the ids it was given.
final class ScriptedChannel: NotificationChannel {
    struct NoPayload: ChannelPayload {}
    static var kind: ChannelKind { .email }

    private let state = Mutex<(answers: [String: [DeliveryOutcome]], sent: [String])>(([:], []))

    func script(_ answers: [String: [DeliveryOutcome]]) { state.withLock { $0.answers = answers } }

    var sent: [String] { state.withLock { $0.sent } }

    func deliver(_ message: OutboxMessage, payload: NoPayload, settings: DeliverySettings, now: Date) async -> DeliveryOutcome {
        state.withLock { state in
            state.sent.append(message.id)
            guard var answers = state.answers[message.target], let answer = answers.first else { return .delivered(detail: "ok") }
            if answers.count > 1 { answers.removeFirst() }
            state.answers[message.target] = answers
            return answer
        }
    }
}
