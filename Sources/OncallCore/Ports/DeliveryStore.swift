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

/// A message with its status and every attempt, for `oncallctl deliveries`.
public struct DeliveryRecord: Sendable, Equatable {
    public var message: OutboxMessage
    public var status: DeliveryStatus
    public var nextAttemptAt: Date?
    public var attempts: [DeliveryAttempt]

    public init(message: OutboxMessage, status: DeliveryStatus, nextAttemptAt: Date?, attempts: [DeliveryAttempt]) {
        self.message = message
        self.status = status
        self.nextAttemptAt = nextAttemptAt
        self.attempts = attempts
    }
}

/// The durable outbox: messages are written with the events that cause them (`IncidentChange.messages`)
/// and leave it only when delivered or dead.
public protocol DeliveryStore: Sendable {
    /// Pending messages due at `now`, oldest first, skipping `excluding` (those in flight).
    func dueDeliveries(now: Date, limit: Int, excluding: Set<String>) async throws -> [PendingDelivery]
    /// Logs an attempt and moves the message: delivered, retried at `retryAt`, or dead when neither.
    func record(_ attempt: DeliveryAttempt, retryAt: Date?) async throws
    func nextDeliveryDue() async throws -> Date?
    func deliveries(of incident: IncidentNumber) async throws -> [DeliveryRecord]
    /// Messages by status, for `/metrics`.
    func deliveryCounts() async throws -> [DeliveryStatus: Int]
}
