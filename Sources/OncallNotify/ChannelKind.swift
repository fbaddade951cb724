/// A way of reaching people; the raw value is what the outbox and the config store.
public enum ChannelKind: String, Sendable, Codable, CaseIterable, Hashable {
    /// SMTP email.
    case email
    /// A generic HTTP webhook with a signed JSON body (`GenericWebhook`).
    case webhook
    /// 企业微信 群机器人 (`WeComRobot`).
    case wecom
    /// 钉钉 自定义机器人 (`DingTalkRobot`).
    case dingtalk
    /// 飞书 / Lark 自定义机器人 (`FeishuRobot`).
    case feishu
    /// Slack incoming webhook (`SlackWebhook`).
    case slack
    /// An HTTP SMS gateway (`SMSGateway`).
    case sms
}

extension ChannelKind {
    /// The `people[].chat` key that holds a person's id on this chat network.
    var chatNetwork: String? {
        switch self {
        case .wecom, .dingtalk, .feishu, .slack: rawValue
        case .email, .webhook, .sms: nil
        }
    }

    /// Whether a message of this kind goes to one of `notify.webhooks`, named by its target.
    var postsToWebhook: Bool {
        self == .webhook || chatNetwork != nil
    }
}
