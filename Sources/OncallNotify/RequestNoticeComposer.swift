import Foundation
import OncallCore

/// A service request's notices as email: the owner is warned before a promise falls due, the
/// project managers (and the owner) are told when it is missed. One message per person with an address.
public struct RequestNoticeComposer: RequestMessageComposer {
    let settings: DeliverySettings

    public init(settings: DeliverySettings) {
        self.settings = settings
    }

    public func compose(_ notice: RequestNotice, request: ServiceRequest, now: Date) -> [OutboxMessage] {
        guard settings.smtp != nil else { return [] }
        let subject = "[oncalld] \(request.number) \(Self.headline(notice)) · \(request.form.subject)"
        let body = Self.body(notice, request: request, settings: settings)
        return notice.recipients.compactMap { settings.people[$0] }.compactMap { person in
            person.email.map { email in
                OutboxMessage(
                    id: UUID().uuidString.lowercased(), incident: nil, channel: ChannelKind.email.rawValue, target: email,
                    recipients: [person.id], subject: subject, body: body, extras: EmailPayload(html: nil, name: person.name).extras,
                    purpose: "request \(notice.action.rawValue)", createdAt: now)
            }
        }
    }

    static func headline(_ notice: RequestNotice) -> String {
        switch notice.action {
        case .warn: "承诺即将到期 Promise due soon: \(notice.name.rawValue)"
        case .missed: "承诺已超时 Promise missed: \(notice.name.rawValue)"
        }
    }

    static func body(_ notice: RequestNotice, request: ServiceRequest, settings: DeliverySettings) -> String {
        let timeZone = settings.timeZone
        var lines = [
            "\(Self.headline(notice))",
            "",
            "请求 Request: \(request.number) (\(request.kind.rawValue))",
            "主题 Subject: \(request.form.subject)",
            "单位 Organisation: \(request.form.organisation)",
            "提出人 Requester: \(request.form.requester)",
            "负责人 Owner: \(request.owner.map { settings.people[$0]?.name ?? $0 } ?? "-")",
            "到期 Due: \(MessageText.formatted(notice.dueAt, timeZone: timeZone))",
            "当前步骤 Last step: \(request.lastStep?.rawValue ?? "-")",
        ]
        if let window = request.window {
            lines.append("发布窗口 Release window: \(MessageText.formatted(window.start, timeZone: timeZone)) – \(MessageText.formatted(window.end, timeZone: timeZone))")
        }
        lines += ["", "oncallctl request show \(request.number)"]
        if let base = settings.baseURL { lines.append("\(base)/v1/requests/\(request.number)") }
        return lines.joined(separator: "\n")
    }
}
