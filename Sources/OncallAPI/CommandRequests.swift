/// `POST /v1/incidents/{id}/escalate`.
public struct EscalateRequest: StrictDecodable, Encodable, Sendable {
    public var reason: String
    public static let allowedKeys: Set<String> = ["reason"]
    public init(reason: String) { self.reason = reason }
}

/// `POST /v1/incidents/{id}/resolve`.
public struct ResolveRequest: StrictDecodable, Encodable, Sendable {
    public var summary: String
    public static let allowedKeys: Set<String> = ["summary"]
    public init(summary: String) { self.summary = summary }
}

/// `POST /v1/incidents/{id}/notes`.
public struct NoteRequest: StrictDecodable, Encodable, Sendable {
    public var text: String
    public static let allowedKeys: Set<String> = ["text"]
    public init(text: String) { self.text = text }
}

/// `POST /v1/incidents/{id}/ack` and `/close`: no fields; an empty body or `{}`.
public struct EmptyRequest: StrictDecodable, Encodable, Sendable {
    public static let allowedKeys: Set<String> = []
    public init() {}
}
