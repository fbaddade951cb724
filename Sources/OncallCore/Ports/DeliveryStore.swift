import Foundation

/// An outbox message waiting for (another) delivery attempt.
public struct PendingDelivery: Sendable, Equatable {
    public var message: OutboxMessage
    /// Attempts made so far.
    public var attempts: Int

    public init(message: OutboxMessage, attempts: Int) {
        self.message = message
        self.attempts = attempts
    }
}

/// What one delivery attempt came to, as recorded in the delivery log.
public enum DeliveryResult: String, Sendable, Codable {
    case delivered, retryable, permanent
}

/// One attempt to deliver a message.
public struct DeliveryAttempt: Sendable, Equatable {
    public var messageID: String
    public var number: Int
    public var at: Date
    public var result: DeliveryResult
    /// What the far end answered: an SMTP reply, an HTTP status and body, a curl error.
    public var detail: String

    public init(messageID: String, number: Int, at: Date, result: DeliveryResult, detail: String) {
        self.messageID = messageID
        self.number = number
        self.at = at
        self.result = result
        self.detail = detail
    }
}

/// Where a message stands: waiting, delivered, or given up on (dead letter).
public enum DeliveryStatus: String, Sendable, Codable, CaseIterable {
    case pending, delivered, dead
}

/// The message at the head of a recipient queue, which the pending messages behind it wait for.
public struct QueueHead: Sendable, Equatable {
    public var messageID: String
    /// The incident it is about; nil for a message about no single incident.
    public var incident: IncidentNumber?

    public init(messageID: String, incident: IncidentNumber?) {
        self.messageID = messageID
        self.incident = incident
    }
}

/// A message with its status and every attempt, for `oncallctl deliveries`.
public struct DeliveryRecord: Sendable, Equatable {
    public var message: OutboxMessage
    public var status: DeliveryStatus
    /// The earliest time of its next attempt; a message waiting behind another goes only after that one.
    public var nextAttemptAt: Date?
    /// For a pending message that is not at the head of its queue: the one it waits behind.
    public var waitingBehind: QueueHead?
    public var attempts: [DeliveryAttempt]

    public init(
        message: OutboxMessage, status: DeliveryStatus, nextAttemptAt: Date?, waitingBehind: QueueHead? = nil, attempts: [DeliveryAttempt]
    ) {
        self.message = message
        self.status = status
        self.nextAttemptAt = nextAttemptAt
        self.waitingBehind = waitingBehind
        self.attempts = attempts
    }
}

/// The durable outbox: messages are written with the events that cause them (`IncidentChange.messages`)
/// and leave it only when delivered or dead. Each recipient's messages wait in one ``DeliveryQueue``,
/// in the order they were written.
public protocol DeliveryStore: Sendable {
    /// The head of each recipient queue, when it is due at `now` and not in `excluding` (in flight),
    /// soonest due first: at most one message per queue, so a message waiting for a retry holds
    /// back the later ones to the same recipient and no other queue.
    func dueDeliveries(now: Date, limit: Int, excluding: Set<String>) async throws -> [PendingDelivery]
    /// Logs an attempt and moves the message: delivered, retried at `retryAt`, or dead when neither.
    /// Delivered or dead, it leaves its queue and the next message there becomes the head.
    func record(_ attempt: DeliveryAttempt, retryAt: Date?) async throws
    /// When the soonest queue head not in `excluding` is due (possibly already); nil when there is none.
    func nextDeliveryDue(excluding: Set<String>) async throws -> Date?
    /// How many messages are pending in `queue`.
    func pendingCount(in queue: DeliveryQueue) async throws -> Int
    func deliveries(of incident: IncidentNumber) async throws -> [DeliveryRecord]
    /// Messages by status, for `/metrics`.
    func deliveryCounts() async throws -> [DeliveryStatus: Int]
}

extension DeliveryStore {
    /// When the soonest queue head is due; nil when nothing is pending.
    public func nextDeliveryDue() async throws -> Date? { try await nextDeliveryDue(excluding: []) }
}
