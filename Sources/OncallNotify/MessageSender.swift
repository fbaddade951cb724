import Foundation
import OncallCore
import OncallCurl
import OncallSupport

/// Sends one outbox message through the channel its kind names, as the settings in force describe it.
public struct MessageSender: Sendable {
    /// The channels by the kind they deliver.
    let channels: [ChannelKind: any NotificationChannel]

    /// Every channel oncalld has. `multi` drives many transfers on one thread (libcurl's multi
    /// interface); nil sends each on its own thread.
    public init(multi: CurlMulti? = nil) {
        self.init(channels: [
            EmailChannel(multi: multi), SMSChannel(multi: multi), GenericWebhook(multi: multi), WeComRobot(multi: multi),
            DingTalkRobot(multi: multi), FeishuRobot(multi: multi), SlackWebhook(multi: multi),
        ])
    }

    /// Just these channels; a later one of the same kind replaces an earlier one.
    public init(channels: [any NotificationChannel]) {
        var registry: [ChannelKind: any NotificationChannel] = [:]
        for channel in channels { registry[type(of: channel).kind] = channel }
        self.channels = registry
    }

    public func send(_ message: OutboxMessage, settings: DeliverySettings, now: Date) async -> DeliveryOutcome {
        guard let stored = ChannelKind(rawValue: message.channel) else {
            return .permanent(detail: "unknown channel '\(message.channel)'")
        }
        let kind = Self.kind(of: message, stored: stored, settings: settings)
        guard let channel = channels[kind] else { return .permanent(detail: "no \(kind.rawValue) channel") }
        return await channel.deliver(message, settings: settings, now: now)
    }

    /// The kind `message` goes out as: its own, except that a robot or webhook message goes as the webhook it
    /// names is configured now (a reload that turns a WeCom robot into a Slack one sends what is queued to Slack).
    static func kind(of message: OutboxMessage, stored: ChannelKind, settings: DeliverySettings) -> ChannelKind {
        guard stored.postsToWebhook, let webhook = settings.webhooks.first(where: { $0.name == message.target }) else {
            return stored
        }
        return webhook.kind
    }

}
