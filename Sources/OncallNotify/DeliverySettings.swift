import Foundation
import OncallCore

/// Everything the composer and the dispatcher need from configuration (`notify.*`, people).
public struct DeliverySettings: Sendable {
    /// A configured webhook or chat robot.
    public struct Webhook: Sendable, Equatable {
        public var name: String
        public var kind: ChannelKind
        public var url: String
        public var secret: String?
        /// Levels this webhook is told about.
        public var levels: Set<Level>

        public init(name: String, kind: ChannelKind, url: String, secret: String?, levels: Set<Level>) {
            self.name = name
            self.kind = kind
            self.url = url
            self.secret = secret
            self.levels = levels
        }
    }

    /// The SMTP relay.
    public struct SMTP: Sendable, Equatable {
        public var url: String
        public var from: String
        public var username: String?
        public var password: String?
        public var requireTLS: Bool

        public init(url: String, from: String, username: String? = nil, password: String? = nil, requireTLS: Bool = false) {
            self.url = url
            self.from = from
            self.username = username
            self.password = password
            self.requireTLS = requireTLS
        }
    }

    public var people: [String: Person]
    public var smtp: SMTP?
    public var webhooks: [Webhook]
    public var sms: SMSGateway?
    /// Levels that also go out by SMS.
    public var smsLevels: Set<Level>
    /// Base of the links in messages, e.g. `https://oncall.example.com`.
    public var baseURL: String?
    /// Signs acknowledge/resolve links; without it messages carry no action links.
    public var links: ActionLinks?
    /// Per level: where its runbook is (a URL or a path).
    public var runbooks: [Level: String]
    public var timeZone: TimeZone
    public var retry: RetryPolicy
    /// Messages per minute per channel kind.
    public var rateLimits: [ChannelKind: Int]
    /// Vendor and integrator contact lines by service, quoted to the emergency group on escalation.
    public var vendorContacts: [String: [String]] = [:]

    public init(
        people: [String: Person], smtp: SMTP? = nil, webhooks: [Webhook] = [], sms: SMSGateway? = nil,
        smsLevels: Set<Level> = [.level1], baseURL: String? = nil, links: ActionLinks? = nil, runbooks: [Level: String] = [:],
        timeZone: TimeZone, retry: RetryPolicy = RetryPolicy(), rateLimits: [ChannelKind: Int] = [:]
    ) {
        self.people = people
        self.smtp = smtp
        self.webhooks = webhooks
        self.sms = sms
        self.smsLevels = smsLevels
        self.baseURL = baseURL
        self.links = links
        self.runbooks = runbooks
        self.timeZone = timeZone
        self.retry = retry
        self.rateLimits = rateLimits
    }
}
