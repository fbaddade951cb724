import Foundation
import OncallConfig
import OncallCore

/// The emails that carry a regular document to `reports.recipients` (those with an address), when SMTP is configured.
enum PeriodicMail {
    static func messages(_ document: PeriodicDocument, config: DaemonConfig) -> [OutboxMessage] {
        guard config.notify.smtp != nil else { return [] }
        let title = switch document.kind {
        case .weekly: "周报 Weekly report \(document.period)"
        case .monthly: "月度故障清单 Monthly incident list \(document.period)"
        }
        return config.reports.recipients.compactMap { config.person($0) }.compactMap { person in
            person.email.map { email in
                OutboxMessage(
                    id: UUID().uuidString.lowercased(), incident: nil, channel: "email", target: email,
                    recipients: [person.id], subject: "[oncalld] \(title)", body: document.markdown,
                    extras: #"{"name":"# + jsonString(person.name) + "}", purpose: "\(document.kind.rawValue) report", createdAt: document.generatedAt)
            }
        }
    }

    private static func jsonString(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
