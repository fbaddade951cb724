import Foundation
import OncallCore
import OncallCurl

/// SMS through the configured HTTP gateway (`notify.sms`), to the message's target phone number.
public struct SMSChannel: NotificationChannel {
    public static let kind = ChannelKind.sms
    let multi: CurlMulti?

    public init(multi: CurlMulti? = nil) {
        self.multi = multi
    }

    public func deliver(_ message: OutboxMessage, payload: EmptyPayload, settings: DeliverySettings, now: Date) async -> DeliveryOutcome {
        guard let sms = settings.sms else { return .permanent(detail: "notify.sms is not configured") }
        let request = sms.request(phone: message.target, text: message.body, idempotencyKey: message.id)
        return await WebhookSender.send(request, channel: Self.kind, multi: multi)
    }
}
