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

    public var id: String
    public var channel: String
    public var target: String
    public var recipients: [String]
    public var purpose: String
    public var subject: String
    /// `pending`, `delivered` or `dead`.
    public var status: String
    public var createdAt: Date
    public var nextAttemptAt: Date?
    public var attempts: [Attempt]

    enum CodingKeys: String, CodingKey {
        case id, channel, target, recipients, purpose, subject, status, attempts
        case createdAt = "created_at"
        case nextAttemptAt = "next_attempt_at"
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
