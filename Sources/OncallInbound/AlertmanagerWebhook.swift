/// A Prometheus Alertmanager webhook notification, payload version 4.
///
/// One notification describes one alert group; `groupKey` identifies the group across
/// notifications, so it is the key of the incident the group becomes. `status` is `resolved`
/// only when every alert of the group has resolved.
public struct AlertmanagerWebhook: Sendable, Equatable {
    /// The receiver name from the Alertmanager config.
    public var receiver: String
    /// The group's status: `firing`, or `resolved` once every alert has resolved (the decoder
    /// refuses anything else).
    public var status: String
    /// The group's alerts (at most `max_alerts` of them; see `truncatedAlerts`).
    public var alerts: [AlertmanagerAlert]
    /// Labels that formed the group (`group_by`).
    public var groupLabels: [String: String]
    /// Labels every alert of the group shares.
    public var commonLabels: [String: String]
    /// Annotations every alert of the group shares.
    public var commonAnnotations: [String: String]
    /// The Alertmanager's external URL, for links back.
    public var externalURL: String
    /// The payload version; always `"4"` (others are refused).
    public var version: String
    /// The group's identity across notifications (`{}:{alertname="Test"}`).
    public var groupKey: String
    /// How many alerts were left out because of the receiver's `max_alerts`.
    public var truncatedAlerts: Int

    /// A notification from its parts.
    public init(
        receiver: String, status: String, alerts: [AlertmanagerAlert], groupLabels: [String: String] = [:],
        commonLabels: [String: String] = [:], commonAnnotations: [String: String] = [:], externalURL: String = "",
        version: String = "4", groupKey: String, truncatedAlerts: Int = 0
    ) {
        self.receiver = receiver
        self.status = status
        self.alerts = alerts
        self.groupLabels = groupLabels
        self.commonLabels = commonLabels
        self.commonAnnotations = commonAnnotations
        self.externalURL = externalURL
        self.version = version
        self.groupKey = groupKey
        self.truncatedAlerts = truncatedAlerts
    }
}
