import Foundation

/// A heartbeat monitor as the configuration declares it (`heartbeats[]`): something that must
/// beat at least every `interval`. No beat by `interval + grace` after the last one is a missed
/// heartbeat, which opens one incident; the next beat resolves it.
public struct Heartbeat: Sendable, Equatable {
    /// The name in `POST /v1/heartbeats/{name}` and `oncallctl heartbeat NAME`.
    public var name: String
    /// How often it is expected to beat.
    public var interval: Duration
    /// How much later than `interval` a beat may come before it counts as missed.
    public var grace: Duration
    /// The scope of the incident a miss opens; it gives the level (SPEC.md level table).
    public var scope: Scope
    /// The affected service named on the incident (maintenance windows for it hold its pages).
    public var service: String?
    /// The incident's subject.
    public var title: String
    /// The reporting organisation named on the incident.
    public var organisation: String
    /// An Alertmanager alert of this `alertname` that fires counts as a beat (`Watchdog`).
    public var alertmanagerAlertname: String?
    /// Only alerts from this Alertmanager integration count, when set.
    public var alertmanagerIntegration: String?

    /// - Parameters:
    ///   - title: defaults to `Heartbeat NAME missed`.
    public init(
        name: String, interval: Duration, grace: Duration = .zero, scope: Scope = .single, service: String? = nil,
        title: String? = nil, organisation: String = Heartbeat.defaultOrganisation, alertmanagerAlertname: String? = nil,
        alertmanagerIntegration: String? = nil
    ) {
        self.name = name
        self.interval = interval
        self.grace = grace
        self.scope = scope
        self.service = service
        self.title = title ?? "Heartbeat \(name) missed"
        self.organisation = organisation
        self.alertmanagerAlertname = alertmanagerAlertname
        self.alertmanagerIntegration = alertmanagerIntegration
    }

    /// The organisation named on a missed heartbeat's incident unless configured.
    public static let defaultOrganisation = "monitoring"

    /// The level its incident opens at (outage re-levelling may raise it later).
    public var level: Level { scope.level }

    /// Whether `text` is a valid heartbeat name: 1–64 of `a-z`, `0-9`, `.`, `_`, `-`, starting with a letter or digit,
    /// so it can stand in a URL path and a command line as it is.
    public static func isValidName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, text.unicodeScalars.count <= 64 else { return false }
        func plain(_ scalar: Unicode.Scalar) -> Bool { ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) }
        return plain(first) && text.unicodeScalars.allSatisfy { plain($0) || "._-".unicodeScalars.contains($0) }
    }
}
