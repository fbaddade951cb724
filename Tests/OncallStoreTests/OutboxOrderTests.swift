import Foundation
import OncallCore
import OncallStore
import OncallTesting
import Testing

/// Issue 11: messages to one recipient go out in the order they were written, one at a time. A
/// message waiting for its retry holds back the later ones to the same recipient and nobody
/// else's; delivered or dead, it lets the next one go. The same on both backends.
@Suite("Outbox order per recipient (SQLite and PostgreSQL)")
final class OutboxOrderTests: Sendable {
    let directory = NSTemporaryDirectory() + "oncall-outbox-order-" + UUID().uuidString

    init() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    static let liNa = DeliveryQueue(channel: "email", target: "li.na@example.com")
    static let zhangWei = DeliveryQueue(channel: "email", target: "zhang.wei@example.com")
    static let hook = DeliveryQueue(channel: "webhook", target: "hook")
    static let liNaBySMS = DeliveryQueue(channel: "sms", target: "li.na@example.com")

    /// Opens an incident at `now` whose change queues one message per (id, queue), in that order.
    @discardableResult
    func report(_ store: TestStore, at now: Date, _ messages: [(id: String, queue: DeliveryQueue)]) async throws -> IncidentNumber {
        let policy = IncidentPolicy()
        return try await store.incidents.create(idempotencyKey: nil) { id in
            var change = try IncidentLifecycle.open(.fixture(), id: id, actor: "unix:alice", policy: policy, now: now)
            change.messages = messages.map { message in
                OutboxMessage(
                    id: message.id, incident: id, channel: message.queue.channel, target: message.queue.target, recipients: [],
                    subject: "[L3] 订单系统无法登录 · \(id)", body: "正文", purpose: "new fault", createdAt: now)
            }
            return change
        }.incident.id
    }

    func due(_ store: TestStore, at now: Date, excluding: Set<String> = []) async throws -> [String] {
        try await store.deliveries.dueDeliveries(now: now, limit: 100, excluding: excluding).map(\.message.id)
    }

    func record(
        _ store: TestStore, _ id: String, attempt number: Int = 1, _ result: DeliveryResult, at now: Date, retryAt: Date? = nil
    ) async throws {
        try await store.deliveries.record(
            DeliveryAttempt(messageID: id, number: number, at: now, result: result, detail: result.rawValue), retryAt: retryAt)
    }

    @Test("a message waiting for its retry holds back the later ones to the same recipient, and only those", arguments: StoreBackend.allCases)
    func retryHoldsItsQueue(_ backend: StoreBackend) async throws {
        let store = try await backend.open(directory + "/hold.sqlite")
        let first = try await report(store, at: t0, [("a1", Self.liNa), ("b1", Self.zhangWei)])
        let second = try await report(store, at: t0 + 1, [("a2", Self.liNa), ("b2", Self.zhangWei), ("h2", Self.hook), ("s2", Self.liNaBySMS)])
        let third = try await report(store, at: t0 + 2, [("a3", Self.liNa)])

        // One head per queue, soonest due first, then in the order written; a head in flight holds its queue.
        #expect(try await due(store, at: t0 + 2) == ["a1", "b1", "h2", "s2"])
        #expect(try await due(store, at: t0 + 2, excluding: ["a1"]) == ["b1", "h2", "s2"])
        #expect(try await store.deliveries.nextDeliveryDue(excluding: ["a1", "b1", "h2", "s2"]) == nil, "a2, b2, a3 wait behind heads in flight")

        try await record(store, "a1", .retryable, at: t0 + 2, retryAt: t0 + 30)
        try await record(store, "b1", .delivered, at: t0 + 2)
        // a1 waits for its retry: a2 and a3 to the same address wait behind it; zhang.wei's next one goes.
        #expect(try await due(store, at: t0 + 5) == ["b2", "h2", "s2"])
        #expect(try await store.deliveries.nextDeliveryDue() == t0 + 1)
        #expect(try await store.deliveries.nextDeliveryDue(excluding: ["b2", "h2", "s2"]) == t0 + 30, "the held queue is due with its head")
        #expect(try await store.deliveries.pendingCount(in: Self.liNa) == 3)

        let held = try await store.deliveries.deliveries(of: second)
        #expect(held.map(\.message.id) == ["a2", "b2", "h2", "s2"])
        #expect(held.map(\.waitingBehind) == [QueueHead(messageID: "a1", incident: first), nil, nil, nil])
        #expect(try await store.deliveries.deliveries(of: third).map(\.waitingBehind) == [QueueHead(messageID: "a1", incident: first)])

        // Delivered at its retry, a1 lets a2 go — and a3 now waits behind a2.
        #expect(try await due(store, at: t0 + 29).contains("a1") == false)
        #expect(try await due(store, at: t0 + 30) == ["b2", "h2", "s2", "a1"], "a1 is due again, after those due since t0 + 1")
        try await record(store, "a1", attempt: 2, .delivered, at: t0 + 30)
        #expect(try await due(store, at: t0 + 30) == ["a2", "b2", "h2", "s2"])
        #expect(try await store.deliveries.deliveries(of: third).map(\.waitingBehind) == [QueueHead(messageID: "a2", incident: second)])
        #expect(try await store.deliveries.deliveries(of: first).allSatisfy { $0.waitingBehind == nil }, "delivered messages wait for nothing")
    }

    @Test("a dead message releases the messages waiting behind it", arguments: StoreBackend.allCases)
    func deadReleasesItsQueue(_ backend: StoreBackend) async throws {
        let store = try await backend.open(directory + "/dead.sqlite")
        try await report(store, at: t0, [("a1", Self.liNa)])
        try await report(store, at: t0 + 1, [("a2", Self.liNa)])
        try await report(store, at: t0 + 2, [("a3", Self.liNa)])

        try await record(store, "a1", .retryable, at: t0, retryAt: t0 + 10)
        #expect(try await due(store, at: t0 + 5).isEmpty)
        #expect(try await store.deliveries.nextDeliveryDue() == t0 + 10)
        try await record(store, "a1", attempt: 2, .retryable, at: t0 + 10, retryAt: nil)  // out of attempts: dead

        #expect(try await store.deliveries.pendingCount(in: Self.liNa) == 2, "the two it held are released")
        #expect(try await store.deliveries.pendingCount(in: Self.zhangWei) == 0)
        #expect(try await due(store, at: t0 + 10) == ["a2"])
        try await record(store, "a2", .permanent, at: t0 + 10)
        #expect(try await due(store, at: t0 + 10) == ["a3"])
        #expect(try await store.deliveries.deliveryCounts() == [.dead: 2, .pending: 1])
    }

    /// What the test believes of one message.
    struct Modelled {
        var id: String
        var incident: IncidentNumber
        var queue: DeliveryQueue
        var status: DeliveryStatus = .pending
        var nextAttemptAt: Date
        var attempts = 0
    }

    @Test("a random walk of writes, retries, deliveries and dead letters gives exactly the queue heads a model predicts", arguments: StoreBackend.allCases)
    func randomWalkMatchesModel(_ backend: StoreBackend) async throws {
        let store = try await backend.open(directory + "/walk.sqlite")
        let queues = [Self.liNa, Self.zhangWei, Self.hook, Self.liNaBySMS]
        var random = SeededGenerator(seed: 11)
        var model: [Modelled] = []  // in the order written
        var now = t0

        /// The model's heads: per queue the first pending message, when due and not excluded.
        func heads(excluding: Set<String>) -> [Modelled] {
            var seen = Set<DeliveryQueue>()
            return model.filter { $0.status == .pending && seen.insert($0.queue).inserted }.filter { !excluding.contains($0.id) }
        }

        for step in 0..<60 {
            now = now.addingTimeInterval(Double(Int.random(in: 0...4, using: &random)))
            if Bool.random(using: &random) {
                let count = Int.random(in: 1...3, using: &random)
                let written = (0..<count).map { ("m\(step)-\($0)", queues.randomElement(using: &random)!) }
                let incident = try await report(store, at: now, written)
                model += written.map { Modelled(id: $0.0, incident: incident, queue: $0.1, nextAttemptAt: now) }
            }
            let inFlight = Set(heads(excluding: []).map(\.id).filter { _ in Int.random(in: 0..<4, using: &random) == 0 })
            let expected = heads(excluding: inFlight).filter { $0.nextAttemptAt <= now }
                .enumerated().sorted { ($0.element.nextAttemptAt, $0.offset) < ($1.element.nextAttemptAt, $1.offset) }.map(\.element.id)
            let found = try await due(store, at: now, excluding: inFlight)
            #expect(found == expected, "step \(step) at +\(now.timeIntervalSince(t0)) s, in flight \(inFlight.sorted())")
            #expect(try await store.deliveries.nextDeliveryDue(excluding: inFlight) == heads(excluding: inFlight).map(\.nextAttemptAt).min(),
                    "step \(step)")

            for id in found where Bool.random(using: &random) {
                let index = model.firstIndex { $0.id == id }!
                model[index].attempts += 1
                let roll = Int.random(in: 0..<10, using: &random)
                let result: DeliveryResult = roll < 4 ? .delivered : (roll < 8 ? .retryable : .permanent)
                let retryAt = result == .retryable && model[index].attempts < 3
                    ? now.addingTimeInterval(Double(Int.random(in: 1...8, using: &random))) : nil
                try await record(store, id, attempt: model[index].attempts, result, at: now, retryAt: retryAt)
                model[index].status = result == .delivered ? .delivered : (retryAt == nil ? .dead : .pending)
                if let retryAt { model[index].nextAttemptAt = retryAt }
            }
        }

        // Every pending message that is not a head names its queue's head.
        let headOfQueue = Dictionary(heads(excluding: []).map { ($0.queue, $0) }, uniquingKeysWith: { first, _ in first })
        for incident in Set(model.map(\.incident)) {
            for record in try await store.deliveries.deliveries(of: incident) {
                let modelled = model.first { $0.id == record.message.id }!
                #expect(record.status == modelled.status, "\(modelled.id)")
                let head = headOfQueue[modelled.queue]
                let expected = modelled.status == .pending && head?.id != modelled.id
                    ? head.map { QueueHead(messageID: $0.id, incident: $0.incident) } : nil
                #expect(record.waitingBehind == expected, "\(modelled.id)")
            }
        }
        for queue in queues {
            #expect(try await store.deliveries.pendingCount(in: queue) == model.filter { $0.queue == queue && $0.status == .pending }.count)
        }
        #expect(model.count > 40 && model.contains { $0.status == .dead } && model.contains { $0.status == .delivered }, "\(model.count) messages")
    }
}

/// SplitMix64: the same walk on every run and on both backends.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
