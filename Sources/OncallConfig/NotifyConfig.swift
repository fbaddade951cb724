import OncallCore

/// How messages go out (`notify.*`). Secrets come from files and never appear in descriptions.
public struct NotifyConfig: Sendable, Equatable, CustomStringConvertible {
    /// `notify.smtp`: the relay email goes through.
    public struct SMTP: Sendable, Equatable {
        public var url: String
        public var from: String
        public var username: String?
        public var password: String?
        public var requireTLS: Bool
    }

    /// One entry of `notify.webhooks`: a chat robot or a generic webhook.
    public struct Webhook: Sendable, Equatable {
        public var name: String
        /// `webhook`, `wecom`, `dingtalk`, `feishu` or `slack`.
        public var kind: String
        public var url: String
        public var secret: String?
        public var levels: Set<Level>
    }

    /// `notify.sms`: an HTTP gateway request template with `{{phone}}` and `{{text}}`.
    public struct SMS: Sendable, Equatable {
        public var method: String
        public var url: String
        public var headers: [String: String]
        public var body: String
        public var levels: Set<Level>
    }

    /// One entry of `vendors`: whom the emergency group calls when a product's cause is the vendor's (SPEC.md step 3).
    public struct Vendor: Sendable, Equatable {
        /// The `service` (affected system or product) this vendor or integrator supplies.
        public var service: String
        public var name: String
        public var contact: String?
        public var phone: String?
        public var email: String?
    }

    public static let webhookKinds = ["webhook", "wecom", "dingtalk", "feishu", "slack"]
    public static let channelKinds = ["email", "sms"] + webhookKinds

    /// Base of incident links in messages, e.g. `https://oncall.example.com`.
    public var baseURL: String?
    /// Key that signs acknowledge/resolve links; without it messages carry no action links.
    public var linkSecret: String?
    public var linkLifetime: Duration = .seconds(24 * 3600)
    public var smtp: SMTP?
    public var webhooks: [Webhook] = []
    public var sms: SMS?
    public var retry = RetryPolicy()
    /// Vendor and integrator contacts by product (`vendors`), given to the emergency group on escalation.
    public var vendors: [Vendor] = []
    /// Messages per minute, by channel kind.
    public var rateLimits: [String: Int] = [:]
    /// Runbook per level (a URL or a path), quoted in every message.
    public var runbooks: [Level: String] = [
        .level1: "runbooks/001-level1-incident.md", .level2: "runbooks/002-level2-incident.md",
        .level3: "runbooks/003-level3-incident.md",
    ]

    public init() {}

    public var description: String {
        "NotifyConfig(baseURL: \(baseURL ?? "none"), smtp: \(smtp?.url ?? "none"), webhooks: \(webhooks.map(\.name)), "
            + "sms: \(sms == nil ? "none" : "configured"), secrets: <redacted>)"
    }
}
