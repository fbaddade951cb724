import Foundation
import OncallCore
import OncallSupport

/// Turns a notification decision into messages: an email per person with an address (with
/// their own signed action links), one message per chat robot or webhook for the incident's
/// level (mentioning the people it is meant for), and an SMS per person for SMS levels.
public struct NotificationComposer: MessageComposer {
    let settings: DeliverySettings

    public init(settings: DeliverySettings) {
        self.settings = settings
    }

    public func compose(_ intent: NotificationIntent, incident: Incident, now: Date) -> [OutboxMessage] {
        let purpose = intent.purpose.label
        let people = intent.recipients.compactMap { settings.people[$0] }
        var messages: [OutboxMessage] = []
        func message(channel: ChannelKind, target: String, recipients: [String], subject: String, body: String, payload: some ChannelPayload) {
            messages.append(OutboxMessage(
                id: UUID().uuidString.lowercased(), incident: incident.id, channel: channel.rawValue, target: target,
                recipients: recipients, subject: subject, body: body, extras: payload.extras, purpose: purpose, createdAt: now))
        }
        let subject = MessageText.subject(incident, purpose: purpose)
        // On escalation the emergency group gets the product's vendor contacts (SPEC.md, step 3); visit messages their facts and step links.
        let vendorLines = intent.purpose == .escalated ? incident.form.service.flatMap { settings.vendorContacts[$0] } ?? [] : []
        let appendix = (vendorLines.isEmpty ? "" : "\n\n厂商联系人 / Vendor contacts:\n" + vendorLines.map { "- " + $0 }.joined(separator: "\n"))
            + visitText(intent, incident: incident, now: now)

        if settings.smtp != nil {
            for person in people {
                guard let email = person.email else { continue }
                let links = self.links(incident, holder: person.id, now: now)
                message(
                    channel: .email, target: email, recipients: [person.id], subject: subject,
                    body: MessageText.plain(incident, purpose: purpose, timeZone: settings.timeZone, links: links) + appendix,
                    // The HTML part is left out when vendor lines are added, so both parts always say the same.
                    payload: EmailPayload(
                        html: appendix.isEmpty ? MessageText.html(incident, purpose: purpose, timeZone: settings.timeZone, links: links) : nil,
                        name: person.name))
            }
        }
        for webhook in settings.webhooks where webhook.levels.contains(incident.level) {
            let links = self.links(incident, holder: "chat:" + webhook.name, now: now)
            let text = MessageText.plain(incident, purpose: intent.purpose.chineseLabel + " · " + purpose, timeZone: settings.timeZone, links: links)
                + appendix
            let payload: any ChannelPayload = if let network = webhook.kind.chatNetwork {
                ChatPayload(mentioning: people, on: network)
            } else if webhook.kind == .webhook {
                WebhookPayload(event: GenericEvent(incident, purpose: purpose, recipients: intent.recipients, links: links, now: now))
            } else {
                EmptyPayload()
            }
            message(channel: webhook.kind, target: webhook.name, recipients: intent.recipients, subject: subject, body: text, payload: payload)
        }
        if settings.sms != nil, settings.smsLevels.contains(incident.level) {
            for person in people {
                guard let phone = person.phone else { continue }
                let text = MessageText.sms(incident, purpose: purpose, timeZone: settings.timeZone, links: links(incident, holder: person.id, now: now))
                message(channel: .sms, target: phone, recipients: [person.id], subject: subject, body: text, payload: EmptyPayload())
            }
        }
        return messages
    }

    /// For visit messages: the visit's facts, and for the dispatched engineer links for each step.
    func visitText(_ intent: NotificationIntent, incident: Incident, now: Date) -> String {
        switch intent.purpose {
        case .dispatched, .visit, .slaBreach: break
        case .postmortem: return reportText(intent, incident: incident)
        default: return ""
        }
        let facts = Self.visitFacts(intent.facts).compactMap { key, value in value.map { "\(key): \($0)" } }
        var text = facts.isEmpty ? "" : "\n\n现场服务 / Field visit:\n" + facts.map { "- " + $0 }.joined(separator: "\n")
        if intent.purpose == .dispatched, case let .dispatch(step) = intent.facts, let engineer = step.visit.engineer,
           let base = settings.baseURL, let signer = settings.links {
            let steps: [(ActionLinks.Action, String)] = [(.accept, "接单 Accept"), (.depart, "出发 On the way"), (.arrive, "到场 On site"), (.complete, "完成 Done")]
            text += "\n" + steps.map { action, label in
                "\(label): \(base)/a/\(signer.token(action, incident: incident.id, person: engineer, now: now))"
            }.joined(separator: "\n")
        }
        return text
    }

    /// The facts a visit message quotes, named as the timeline names them.
    static func visitFacts(_ facts: TimelineFacts?) -> KeyValuePairs<String, String?> {
        switch facts {
        case let .dispatch(step):
            let visit = step.visit
            return ["site": visit.site, "branch": visit.branch, "engineer": visit.engineer, "arrive_by": visit.arriveBy?.factText,
                    "sla": visit.sla?.factText, "reason": visit.reason, "fallback": visit.fallback]
        case let .slaBreach(breach):
            return ["branch": breach.branch, "engineer": breach.engineer, "deadline": breach.deadlines.map(\.rawValue).joined(separator: ","),
                    "due_at": breach.dueAt?.factText, "reason": breach.reason]
        default:
            return [:]
        }
    }

    /// A fault-report message's facts: the reviewer's comment, and where to read or write the report.
    func reportText(_ intent: NotificationIntent, incident: Incident) -> String {
        var lines: [String] = []
        if case let .postmortem(step) = intent.facts {
            if let comment = step.comment, !comment.isEmpty { lines.append("意见 / Comment: \(comment)") }
            if let sha = step.sha256 { lines.append("SHA-256: \(sha)") }
        }
        lines.append("oncallctl postmortem show \(incident.id)")
        if let base = settings.baseURL { lines.append("\(base)/web/reports/\(incident.id)") }
        return "\n\n故障报告 / Fault report:\n" + lines.map { "- " + $0 }.joined(separator: "\n")
    }

    /// The incident, runbook and action links, the actions signed for `holder`.
    func links(_ incident: Incident, holder: String, now: Date) -> MessageLinks {
        let base = settings.baseURL
        let actionable = incident.state.isOpen
        func action(_ kind: ActionLinks.Action) -> String? {
            guard actionable, let base, let signer = settings.links else { return nil }
            return base + "/a/" + signer.token(kind, incident: incident.id, person: holder, now: now)
        }
        let runbook = settings.runbooks[incident.level].map { path in
            path.hasPrefix("http") || base == nil ? path : "\(base!)/\(path)"
        }
        return MessageLinks(
            incident: base.map { "\($0)/v1/incidents/\(incident.id)" }, runbook: runbook,
            acknowledge: incident.acknowledgedAt == nil ? action(.acknowledge) : nil, resolve: action(.resolve))
    }
}

extension ChatPayload {
    /// Mentions of those of `people` who have an id on the chat `network`, with their names; everyone's mobile.
    init(mentioning people: [Person], on network: String) {
        let mentioned = people.filter { $0.chat[network] != nil }
        self.init(mentions: mentioned.compactMap { $0.chat[network] }, names: mentioned.map(\.name), mobiles: people.compactMap(\.phone))
    }
}
