import Foundation
import OncallCore

/// One outbox message and its attempts, for `GET /v1/incidents/{id}/deliveries`.
public struct DeliveryDTO: Codable, Sendable, Equatable {
    public struct Attempt: Codable, Sendable, Equatable {
        public var number: Int
        public var at: Date
        /// `delivered`, `retryable` or `permanent`.
        public var result: String
        /// What the far end answered.
        public var detail: String
    }

    /// The message at the head of the recipient's queue that a pending message waits behind.
    public struct QueueHead: Codable, Sendable, Equatable {
        public var id: String
        /// `INC-000123`; nil for a message about no single incident.
        public var incident: String?

        public init(id: String, incident: String?) {
            self.id = id
            self.incident = incident
        }
    }

    public var id: String
    public var channel: String
    public var target: String
    public var recipients: [String]
    public var purpose: String
    public var subject: String
    /// `pending`, `delivered` or `dead`.
    public var status: String
    public var createdAt: Date
    /// The earliest time of the next attempt; one waiting behind another message goes after it.
    public var nextAttemptAt: Date?
    /// Set while the message waits for an earlier one to the same recipient (delivered in order).
    public var waitingBehind: QueueHead?
    public var attempts: [Attempt]

    enum CodingKeys: String, CodingKey {
        case id, channel, target, recipients, purpose, subject, status, attempts
        case createdAt = "created_at"
        case nextAttemptAt = "next_attempt_at"
        case waitingBehind = "waiting_behind"
    }

    public init(_ record: DeliveryRecord) {
        id = record.message.id
        channel = record.message.channel
        target = record.message.target
        recipients = record.message.recipients
        purpose = record.message.purpose
        subject = record.message.subject
        status = record.status.rawValue
        createdAt = record.message.createdAt
        nextAttemptAt = record.nextAttemptAt
        waitingBehind = record.waitingBehind.map { QueueHead(id: $0.messageID, incident: $0.incident?.description) }
        attempts = record.attempts.map { Attempt(number: $0.number, at: $0.at, result: $0.result.rawValue, detail: $0.detail) }
    }
}

/// `GET /v1/incidents/{id}/deliveries`.
public struct DeliveryListDTO: Codable, Sendable, Equatable {
    public var incident: String
    public var deliveries: [DeliveryDTO]
    public init(incident: String, deliveries: [DeliveryDTO]) {
        self.incident = incident
        self.deliveries = deliveries
    }
}
