import Foundation

/// Incident and dispatch statistics over a period, read from the store page by page (newest
/// first, by incident number) so no listing limit can silently cut a period short.
public struct StatisticsService: Sendable {
    let incidents: any IncidentStore
    let visits: (any VisitStore)?
    let clock: any OncallClock
    let settings: any SettingsSource
    let pageSize: Int

    public init(incidents: any IncidentStore, visits: (any VisitStore)?, clock: any OncallClock, settings: any SettingsSource, pageSize: Int = 2000) {
        self.incidents = incidents
        self.visits = visits
        self.clock = clock
        self.settings = settings
        self.pageSize = pageSize
    }

    /// Figures for incidents reported and visits dispatched in `[from, until)`, months in the report time zone.
    public func statistics(from: Date, until: Date) async throws -> IncidentStatistics {
        let timeZone = settings.current.presentation.timeZone
        var found: [Incident] = []
        var before: IncidentNumber?
        while true {
            let page = try await incidents.incidents(IncidentQuery(since: from, until: until, before: before, limit: pageSize))
            found += page
            guard page.count == pageSize, let last = page.last else { break }
            before = last.id
        }
        var dispatched: [Visit] = []
        if let visits {
            var limit = pageSize
            while true {
                // Visits have no cursor of their own: widen the window until it holds the whole period.
                let page = try await visits.visits(VisitQuery(since: from, limit: limit))
                if page.count < limit {
                    dispatched = page.filter { $0.dispatchedAt < until }
                    break
                }
                limit *= 4
            }
        }
        return IncidentStatistics.compute(incidents: found, visits: dispatched, timeZone: timeZone, now: clock.now)
    }
}
