import Foundation

/// What became of one inbound message (email or alert), kept so a repeat gets the same answer.
public struct InboundRecord: Sendable, Equatable {
    /// What oncalld did with the message.
    public enum Outcome: String, Sendable, Codable, CaseIterable {
        case incident, note, command, ignored, quarantined, updated
    }

    /// The dedup key: `<integration>:<Message-ID or provider event id>`.
    public var key: String
    public var integration: String
    public var kind: String
    /// The message's own Message-ID, if it has one (for reply threading).
    public var messageID: String?
    public var receivedAt: Date
    public var outcome: Outcome
    public var incident: IncidentNumber?
    /// Why it was ignored or quarantined, or what was applied.
    public var detail: String

    public init(
        key: String, integration: String, kind: String, messageID: String?, receivedAt: Date, outcome: Outcome,
        incident: IncidentNumber?, detail: String
    ) {
        self.key = key
        self.integration = integration
        self.kind = kind
        self.messageID = messageID
        self.receivedAt = receivedAt
        self.outcome = outcome
        self.incident = incident
        self.detail = detail
    }
}

/// An authentic inbound message that could not be understood, kept with its raw bytes.
public struct QuarantinedMessage: Sendable, Equatable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case held, retried, dropped
    }

    public var id: Int64
    public var integration: String
    public var kind: String
    public var receivedAt: Date
    public var reason: String
    public var raw: Data
    public var status: Status

    public init(id: Int64, integration: String, kind: String, receivedAt: Date, reason: String, raw: Data, status: Status) {
        self.id = id
        self.integration = integration
        self.kind = kind
        self.receivedAt = receivedAt
        self.reason = reason
        self.raw = raw
        self.status = status
    }
}

/// Inbound bookkeeping: dedup records, reply threading and the quarantine. Records that belong to
/// an incident change travel in `IncidentChange.inbound` and commit with it.
public protocol InboundStore: Sendable {
    /// The earlier record for a dedup key, if this message was seen before.
    func inboundRecord(key: String) async throws -> InboundRecord?
    /// The incident created with this idempotency key (an alert group's incident), if any.
    func incident(idempotencyKey: String) async throws -> Incident?
    /// The incident a reply refers to, from Message-IDs we received or sent.
    func incident(referencedBy messageIDs: [String]) async throws -> IncidentNumber?
    /// The incident of a message oncalld itself delivered, if the reply names one of those Message-IDs
    /// (they are random, unlike a thread root or a subject tag, so only they may carry a command).
    func incident(answeringDeliveryIn messageIDs: [String]) async throws -> IncidentNumber?
    /// Records a message that changed no incident (ignored, or quarantined with its raw bytes).
    /// A key seen before is not recorded again; the earlier record is returned.
    func recordInbound(_ record: InboundRecord, raw: Data?) async throws -> InboundRecord
    func quarantine(status: QuarantinedMessage.Status?, limit: Int) async throws -> [QuarantinedMessage]
    func quarantined(_ id: Int64) async throws -> QuarantinedMessage?
    func setQuarantineStatus(_ id: Int64, _ status: QuarantinedMessage.Status) async throws
}
