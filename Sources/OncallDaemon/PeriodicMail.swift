import Foundation
import OncallConfig
import OncallCore
import OncallNotify
import OncallWeb

/// The emails that carry a regular document to `reports.recipients` (those with an address), when SMTP
/// is configured: the Markdown as the text part, the same rendered as HTML for mail readers that show it.
enum PeriodicMail {
    static func messages(_ document: PeriodicDocument, config: DaemonConfig) -> [OutboxMessage] {
        guard config.notify.smtp != nil else { return [] }
        let title = switch document.kind {
        case .weekly: "周报 Weekly report \(document.period)"
        case .monthly: "月度故障清单 Monthly incident list \(document.period)"
        }
        let html = WebPages.standalone(title: title, markdown: document.markdown)
        return config.reports.recipients.compactMap { config.person($0) }.compactMap { person in
            person.email.map { email in
                OutboxMessage(
                    id: UUID().uuidString.lowercased(), incident: nil, channel: "email", target: email,
                    recipients: [person.id], subject: "[oncalld] \(title)", body: document.markdown,
                    extras: EmailPayload(html: html, name: person.name).extras, purpose: "\(document.kind.rawValue) report",
                    createdAt: document.generatedAt)
            }
        }
    }
}
