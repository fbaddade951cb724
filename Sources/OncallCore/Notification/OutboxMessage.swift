import Foundation

/// A message ready to deliver, written in the same transaction as the event that caused it.
/// Its `id` is the idempotency key: a re-send after a crash carries the same one.
public struct OutboxMessage: Sendable, Equatable {
    public var id: String
    /// The incident it is about; nil for a message about no single incident (a weekly report).
    public var incident: IncidentNumber?
    /// `email`, `webhook`, `wecom`, `dingtalk`, `feishu`, `slack`, `sms`.
    public var channel: String
    /// An email address, a configured webhook's name, or a phone number.
    public var target: String
    /// Person ids this message is meant for (a chat message may mention several).
    public var recipients: [String]
    public var subject: String
    public var body: String
    /// Channel-specific extras as JSON text (HTML body, mentions).
    public var extras: String
    public var purpose: String
    public var createdAt: Date

    public init(
        id: String, incident: IncidentNumber?, channel: String, target: String, recipients: [String], subject: String,
        body: String, extras: String = "{}", purpose: String, createdAt: Date
    ) {
        self.id = id
        self.incident = incident
        self.channel = channel
        self.target = target
        self.recipients = recipients
        self.subject = subject
        self.body = body
        self.extras = extras
        self.purpose = purpose
        self.createdAt = createdAt
    }
}
