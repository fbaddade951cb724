import Foundation
import OncallConfig
import OncallHTTP
import OncallCore
import OncallInbound
import OncallMail
import OncallNotify

/// What the configuration means at run time, derived once per load or reload rather than per request.
struct RuntimeSettings: Sendable {
    let config: DaemonConfig
    let delivery: DeliverySettings
    let notifications: NotificationPolicy
    /// Field dispatch, when branches are configured.
    let dispatch: DispatchSetup?
    /// Inbound endpoints and the rules that turn mail into incidents.
    let integrations: [InboundIntegration]
    let intakeRules: IntakeRules
    /// Who owns, writes and reviews fault reports, and when a missing one is chased.
    let postmortems: PostmortemPolicy
    /// The regular documents to write, when, and the names they show.
    let periodic: PeriodicReportEngine.Settings
    /// What the domain services decide with, one value per operation.
    let service: ServiceSettings
    /// What the HTTP routes read.
    let api: APISettings
    /// How service requests are promised, chased and mailed.
    let requests: ServiceRequestService.Settings
    /// The declared heartbeat monitors.
    let heartbeats: [Heartbeat]
    /// What calendar feeds show: the schedules, the working calendar, people's names.
    let calendarFeeds: CalendarFeedSource

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
        integrations = config.intake.integrations.compactMap { entry in
            InboundIntegration.Kind(rawValue: entry.kind).map {
                InboundIntegration(
                    name: entry.name, kind: $0, signingKey: entry.signingKey, basicUser: entry.basicUser, basicPassword: entry.basicPassword,
                    urlSecret: entry.urlSecret, bearerToken: entry.token, trustedCertificatesPEM: entry.trustedCertificates, topicARN: entry.topicARN)
            }
        }
        let intake = config.intake
        // Every way a configured person can act: the local socket, the web view, mail replies and links.
        var personByActor: [String: String] = [:]
        for person in config.people {
            if let login = person.unixUser { personByActor["unix:" + login] = person.id }
            // Mail commands from a known address and signed links name the person; an unknown sender is `mail:<address>`.
            personByActor["mail:" + person.id] = person.id
            personByActor["link:" + person.id] = person.id
        }
        for user in config.web.users {
            if let person = user.person { personByActor["web:" + user.login] = person }
        }
        postmortems = PostmortemPolicy(
            reviewers: Set(config.emergencyGroup), remindAfterWorkingDays: config.postmortem.remindAfterWorkingDays,
            reminderLimit: config.postmortem.reminders, calendar: config.calendar, personByActor: personByActor,
            fallbackOwner: config.projectManagers.first)
        let names = Dictionary(config.people.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        calendarFeeds = CalendarFeedSource(roster: roster, calendar: config.calendar, personNames: names)
        periodic = PeriodicReportEngine.Settings(
            kinds: Set([config.reports.weekly ? PeriodicKind.weekly : nil, config.reports.monthly ? .monthly : nil].compactMap { $0 }),
            at: config.reports.at, calendar: config.calendar, names: names)
        service = ServiceSettings(
            policy: config.policy, notifications: notifications, dispatch: self.dispatch, postmortems: postmortems,
            presentation: PostmortemService.Presentation(
                names: names, branchNames: Dictionary(config.dispatch.branches.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first }),
                timeZone: config.calendar.timeZone))
        let links = delivery.links
        api = APISettings(
            maxBodyBytes: config.http.maxBodyBytes, dispatch: self.dispatch, timeZone: config.calendar.timeZone,
            onCall: { at in OnCallView.snapshot(config, at: at) },
            verifyLink: { token, now in
                links?.verify(token, now: now).map {
                    APIDependencies.LinkClaims(incident: IncidentNumber($0.incident), action: $0.action.rawValue, person: $0.person)
                }
            },
            heartbeatAccess: Dictionary(config.heartbeats.map { ($0.heartbeat.name, HeartbeatAccess(tokens: $0.tokens, secret: $0.secret)) },
                                        uniquingKeysWith: { first, _ in first }),
            publicBaseURL: notify.baseURL)
        let requestsConfig = config.requests
        requests = ServiceRequestService.Settings(
            policy: RequestPolicy(
                calendar: config.calendar, workingDays: requestsConfig.workingDays, warnBefore: requestsConfig.warnBefore,
                releases: requestsConfig.releases, escalateTo: requestsConfig.escalateTo ?? config.projectManagers,
                defaultOwner: requestsConfig.owner ?? config.projectManagers.first, people: Set(config.people.map(\.id))),
            composer: RequestNoticeComposer(settings: delivery))
        heartbeats = config.heartbeats.map(\.heartbeat)
        intakeRules = IntakeRules(
            organisationByDomain: intake.organisationByDomain, defaultOrganisation: intake.defaultOrganisation,
            serviceByTag: intake.serviceByTag,
            keywordRules: intake.keywordRules.map { KeywordRule(keywords: $0.keywords, scope: $0.scope) },
            defaultScope: intake.defaultScope,
            // People with an address may answer by mail: "ack", "resolve", "escalate" on the first line.
            responders: Dictionary(config.people.compactMap { person in person.email.map { ($0.lowercased(), person.id) } },
                                   uniquingKeysWith: { first, _ in first }),
            ourAddresses: Set([config.notify.smtp.map { MailboxAddress(parsing: $0.from).address.lowercased() }].compactMap { $0 }),
            timeZone: config.calendar.timeZone,
            requestMail: RequestMailRules(
                kindByAddress: Dictionary(requestsConfig.mailAddresses.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first }),
                subjectTags: requestsConfig.mailSubjectTags))
    }
}
