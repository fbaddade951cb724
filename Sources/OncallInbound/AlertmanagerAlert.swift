import Foundation

/// One alert of an Alertmanager notification.
public struct AlertmanagerAlert: Sendable, Equatable {
    /// `firing` or `resolved` (the decoder refuses anything else).
    public var status: String
    /// The alert's identifying labels (`alertname`, `instance`, `severity`, …).
    public var labels: [String: String]
    /// Descriptive annotations (`summary`, `description`, `runbook_url`, …).
    public var annotations: [String: String]
    /// When the alert started firing.
    public var startsAt: Date
    /// When it resolved; nil while firing (Alertmanager writes Go's zero time then).
    public var endsAt: Date?
    /// A link back to the rule's expression in Prometheus; may be empty.
    public var generatorURL: String
    /// Alertmanager's hash of the labels, stable for the alert's life; empty from versions
    /// before 0.19, which did not send it.
    public var fingerprint: String

    /// An alert from its parts.
    public init(
        status: String, labels: [String: String], annotations: [String: String] = [:], startsAt: Date,
        endsAt: Date? = nil, generatorURL: String = "", fingerprint: String = ""
    ) {
        self.status = status
        self.labels = labels
        self.annotations = annotations
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.generatorURL = generatorURL
        self.fingerprint = fingerprint
    }
}
