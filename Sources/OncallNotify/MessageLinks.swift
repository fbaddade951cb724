/// The links a notification carries; each is left out when nil (also from the generic webhook's JSON event).
public struct MessageLinks: Codable, Sendable, Equatable {
    /// The incident's page, from the configured base URL.
    public var incident: String?
    /// The runbook for the incident's level (a URL or a path under `runbooks/`).
    public var runbook: String?
    /// A signed, expiring link that acknowledges the incident.
    public var acknowledge: String?
    /// A signed, expiring link that resolves the incident.
    public var resolve: String?

    public init(incident: String? = nil, runbook: String? = nil, acknowledge: String? = nil, resolve: String? = nil) {
        self.incident = incident
        self.runbook = runbook
        self.acknowledge = acknowledge
        self.resolve = resolve
    }
}
