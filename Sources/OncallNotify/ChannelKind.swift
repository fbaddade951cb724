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
