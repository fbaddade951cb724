import Foundation
import OncallConfig
import OncallCore
import OncallNotify

/// What the configuration means at run time, derived once per load or reload rather than per request.
struct RuntimeSettings: Sendable {
    let config: DaemonConfig
    let delivery: DeliverySettings
    let notifications: NotificationPolicy
    /// Field dispatch, when branches are configured.
    let dispatch: DispatchSetup?

    init(_ config: DaemonConfig) {
        self.config = config
        let notify = config.notify
        var delivery = DeliverySettings(
            people: Dictionary(config.people.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }),
            smtp: notify.smtp.map {
                DeliverySettings.SMTP(url: $0.url, from: $0.from, username: $0.username, password: $0.password, requireTLS: $0.requireTLS)
            },
            webhooks: notify.webhooks.compactMap { webhook in
                ChannelKind(rawValue: webhook.kind).map {
                    DeliverySettings.Webhook(name: webhook.name, kind: $0, url: webhook.url, secret: webhook.secret, levels: webhook.levels)
                }
            },
            sms: notify.sms.map {
                SMSGateway(method: $0.method, urlTemplate: $0.url, headers: $0.headers.sorted { $0.key < $1.key }, bodyTemplate: $0.body.isEmpty ? nil : $0.body)
            },
            smsLevels: notify.sms?.levels ?? [],
            baseURL: notify.baseURL,
            links: notify.linkSecret.map { ActionLinks(secret: $0, lifetime: notify.linkLifetime) },
            runbooks: notify.runbooks,
            timeZone: config.calendar.timeZone,
            retry: notify.retry,
            rateLimits: Dictionary(notify.rateLimits.compactMap { key, value in ChannelKind(rawValue: key).map { ($0, value) } },
                                   uniquingKeysWith: { first, _ in first }))
        delivery.vendorContacts = Dictionary(grouping: notify.vendors, by: \.service).mapValues { vendors in
            vendors.map { vendor in
                ([vendor.name] + [vendor.contact, vendor.phone, vendor.email].compactMap { $0 }).joined(separator: " · ")
            }
        }
        self.delivery = delivery
        let roster = OnCallRoster(schedules: config.schedules)
        let calendar = config.calendar
        let fallback = config.oncallEngineers
        let rules = NotificationRules(
            projectManagers: config.projectManagers, emergencyGroup: config.emergencyGroup,
            engineersOnCall: { at in roster.engineersOnCall(at: at, calendar: calendar, fallback: fallback) },
            chains: config.chains)
        notifications = NotificationPolicy(rules: rules, composer: NotificationComposer(settings: delivery))
        let dispatch = config.dispatch
        self.dispatch = dispatch.isConfigured
            ? DispatchSetup(
                branches: dispatch.branches, engineers: dispatch.engineers, sites: dispatch.sites, policy: dispatch.policy,
                regionNames: dispatch.regionNames, calendar: config.calendar)
            : nil
    }
}
