import Foundation
import OncallCore

/// An authentic inbound message that could not be understood, for `GET /v1/quarantine` (without
/// the raw message) and `GET /v1/quarantine/{id}` (with it).
public struct QuarantineEntryDTO: Codable, Sendable, Equatable {
    public var id: Int64
    /// The integration's name (`local` for `POST /v1/mail`).
    public var integration: String
    /// The integration's kind: `mailgun`, `rfc822`, ….
    public var kind: String
    public var receivedAt: Date
    /// Why it was not understood.
    public var reason: String
    /// The raw message's size in bytes.
    public var size: Int
    /// `held`, `retried` or `dropped`.
    public var status: String
    /// The raw message as text, invalid UTF-8 replaced by U+FFFD (single message only).
    public var raw: String?
    /// The raw message exactly, in base64 (single message only).
    public var rawBase64: String?

    enum CodingKeys: String, CodingKey {
        case id, integration, kind, reason, size, status, raw
        case receivedAt = "received_at"
        case rawBase64 = "raw_base64"
    }

    /// - Parameter includeRaw: whether to carry the raw message (as text and base64).
    public init(_ message: QuarantinedMessage, includeRaw: Bool) {
        id = message.id
        integration = message.integration
        kind = message.kind
        receivedAt = message.receivedAt
        reason = message.reason
        size = message.raw.count
        status = message.status.rawValue
        raw = includeRaw ? String(decoding: message.raw, as: UTF8.self) : nil
        rawBase64 = includeRaw ? message.raw.base64EncodedString() : nil
    }

    /// The raw bytes, from `raw_base64`; nil when the answer carried none.
    public var rawData: Data? { rawBase64.flatMap { Data(base64Encoded: $0) } }
}

/// `GET /v1/quarantine`: newest first.
public struct QuarantineListDTO: Codable, Sendable, Equatable {
    public var messages: [QuarantineEntryDTO]

    public init(messages: [QuarantineEntryDTO]) {
        self.messages = messages
    }
}

/// What oncalld made of an inbound message: the answer of `POST /v1/mail` and
/// `POST /v1/quarantine/{id}/retry`.
public struct IngestAnswerDTO: Codable, Sendable, Equatable {
    /// `incident` (new), `duplicate` (seen before), `note`, `command`, `ignored`, `quarantined`, …
    public var outcome: String
    /// The incident the message created or was applied to, e.g. `INC-000012`.
    public var incident: String?
    /// Why it was ignored or quarantined, or what was applied.
    public var detail: String?
    /// What a reply's command did: `acknowledged`, `resolved` or `escalated`.
    public var command: String?
    /// Why a reply's command was not applied (its text was kept as a note instead).
    public var refused: String?

    public init(outcome: String, incident: String? = nil, detail: String? = nil, command: String? = nil, refused: String? = nil) {
        self.outcome = outcome
        self.incident = incident
        self.detail = detail
        self.command = command
        self.refused = refused
    }

    /// From the ingest's answer fields (`outcome`, `incident`, `detail`, `command`, `refused`, `reason`).
    public init(fields: [String: String]) {
        outcome = fields["outcome"] ?? "unknown"
        incident = fields["incident"]
        detail = fields["detail"] ?? fields["reason"]
        command = fields["command"]
        refused = fields["refused"]
    }
}
