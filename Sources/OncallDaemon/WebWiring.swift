import Foundation
import OncallCore
import OncallWeb

extension Daemon {
    /// The web view's view of the daemon: users and reviewers from the live config, data from the services.
    static func webDependencies(holder: ConfigHolder, repositories: Repositories, services: Services, clock: any OncallClock) -> WebDependencies {
        let config = holder.config
        let (incidents, service, postmortems, statistics) = (repositories.incidents, services.incidents, services.postmortems, services.statistics)
        let (requests, maintenance, heartbeats) = (services.requests, services.maintenance, services.heartbeats)
        return WebDependencies(
            users: {
                let config = holder.config
                return config.web.users.compactMap { user in
                    WebUser.Role(rawValue: user.role).map {
                        WebUser(login: user.login, displayName: user.name, person: user.person, role: $0, passwordHash: user.passwordHash)
                    }
                }
            },
            reviewers: { Set(holder.config.emergencyGroup) },
            openIncidents: { try await incidents.incidents(IncidentQuery(states: [.reported, .acknowledged, .escalated], limit: 1000)) },
            incident: { id in try await service.incident(id).map { (incident: $0.0, timeline: $0.1) } },
            search: { query in try await postmortems.search(query) },
            report: { id in try await postmortems.document(id) },
            reports: { state, owner in
                var found: [(postmortem: Postmortem, incident: Incident)] = []
                for report in try await postmortems.list(state: state, owner: owner, limit: 200) {
                    // A report whose incident is gone has nothing to show; it is left out.
                    if let incident = try await incidents.incident(report.incident) { found.append((report, incident)) }
                }
                return found
            },
            review: { id, approve, comment, who in try await postmortems.review(id, approve: approve, comment: comment, actor: who.actor) },
            saveSections: { id, sections, base, who in _ = try await postmortems.edit(id, sections: sections, base: base, actor: who.actor) },
            submit: { id, who in _ = try await postmortems.submit(id, actor: who.actor) },
            statistics: { from, until in try await statistics.statistics(from: from, until: until) },
            requests: { query in try await requests.requests(query) },
            request: { number in
                do {
                    return try await requests.request(number)
                } catch RequestError.notFound {
                    return nil
                }
            },
            requestStatistics: { since in try await requests.statistics(since: since) },
            releases: { weeks in requests.releases(weeks: weeks) },
            maintenanceWindows: { try await maintenance.windows(includingPast: true) },
            heartbeats: { try await heartbeats.list() },
            timeZone: config.calendar.timeZone,
            now: { clock.now },
            secureCookies: WebCookieSecurity(rawValue: config.web.secureCookies) ?? .auto,
            sessionLifetime: config.web.sessionLifetime)
    }
}
