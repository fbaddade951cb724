import Foundation
import OncallCore

/// The report form an Alertmanager alert group stands for.
enum AlertGroupReport {
    static func form(_ webhook: AlertmanagerWebhook, integration: String) -> ReportForm {
        let labels = webhook.commonLabels
        let annotations = webhook.commonAnnotations
        let firing = webhook.alerts.filter { $0.status == "firing" }
        let subject = annotations["summary"] ?? labels["alertname"].map { "[\($0)] " + (labels["instance"] ?? labels["job"] ?? "") }
            ?? webhook.groupKey
        let description = ([annotations["description"]].compactMap { $0 } + firing.compactMap { $0.annotations["description"] })
            .joined(separator: "\n")
        // Severity labels as monitoring systems use them map to the plan's scope.
        let scope: Scope? = labels["scope"].flatMap(Scope.init(rawValue:)) ?? {
            switch labels["severity"]?.lowercased() {
            case "critical", "page", "p1": return .most
            case "major", "error", "warning", "p2": return .part
            default: return .few
            }
        }()
        return ReportForm(
            subject: subject.trimmingCharacters(in: .whitespaces).isEmpty ? webhook.groupKey : subject,
            organisation: labels["organisation"] ?? labels["team"] ?? "monitoring",
            reporter: "alertmanager/\(integration)", reporterContact: webhook.externalURL,
            situation: "\(firing.count) alert(s) firing", description: description.isEmpty ? nil : description,
            other: "groupKey: \(webhook.groupKey)", scope: scope, service: labels["service"] ?? labels["job"],
            outageStarted: firing.compactMap(\.startsAt).min())
    }
}
