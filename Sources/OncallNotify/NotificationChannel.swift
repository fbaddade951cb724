import Foundation
import OncallCore
import OncallCurl

/// One way of delivering outbox messages, as Alertmanager's integrations are: email, SMS, each chat
/// robot, the generic webhook. A channel reads its own typed payload, makes one attempt with the
/// settings in force, and says what came of it; `DeliveryClassifier` decides, for all of them alike,
/// what is worth another attempt.
public protocol NotificationChannel: Sendable {
    /// What the composer stores in `OutboxMessage.extras` for this channel.
    associatedtype Payload: ChannelPayload
    /// The `OutboxMessage.channel` this channel delivers.
    static var kind: ChannelKind { get }
    /// One attempt at `message`.
    func deliver(_ message: OutboxMessage, payload: Payload, settings: DeliverySettings, now: Date) async -> DeliveryOutcome
}

extension NotificationChannel {
    /// One attempt at `message`, its extras read as `Payload` first: extras that are not one are a
    /// permanent failure (another attempt would read the same text).
    public func deliver(_ message: OutboxMessage, settings: DeliverySettings, now: Date) async -> DeliveryOutcome {
        let payload: Payload
        do {
            payload = try Payload(extras: message.extras)
        } catch {
            return .permanent(detail: "unreadable \(Self.kind.rawValue) extras: \(error.reason)")
        }
        return await deliver(message, payload: payload, settings: settings, now: now)
    }
}

/// A channel that posts to one of `notify.webhooks`, the one the message's target names: the chat
/// robots and the generic webhook.
public protocol WebhookChannel: NotificationChannel {
    /// Drives the transfer on a shared thread (libcurl's multi interface); nil sends on a thread of its own.
    var multi: CurlMulti? { get }
    /// The HTTP request that delivers `message` through `webhook`.
    func request(_ message: OutboxMessage, payload: Payload, webhook: DeliverySettings.Webhook, now: Date) -> CurlRequest
}

extension WebhookChannel {
    public func deliver(_ message: OutboxMessage, payload: Payload, settings: DeliverySettings, now: Date) async -> DeliveryOutcome {
        guard let webhook = settings.webhooks.first(where: { $0.name == message.target }) else {
            return .permanent(detail: "no webhook named '\(message.target)' in notify.webhooks")
        }
        // The payload was written for this kind of robot (its mentions are ids on this network).
        guard webhook.kind == Self.kind else {
            return .permanent(detail: "webhook '\(webhook.name)' is now \(webhook.kind.rawValue), not \(Self.kind.rawValue)")
        }
        return await WebhookSender.send(request(message, payload: payload, webhook: webhook, now: now), channel: Self.kind, multi: multi)
    }
}
