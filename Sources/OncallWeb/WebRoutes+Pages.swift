import Foundation
import Hummingbird
import OncallCore

/// The pages that only read: open incidents, one incident, the archive and the statistics.
extension WebRoutes {
    func openIncidents(_ viewer: WebViewer) async throws -> Response {
        let incidents = try await dependencies.openIncidents()
        // Engineers write reports: remind them of drafts still to fill in.
        let drafts = viewer.user.role == .engineer ? try await ownReports(.draft, viewer).count : 0
        let page = OpenIncidentsPage(incidents: incidents, draftsToWrite: drafts, now: dependencies.now(), format: format)
        return html(OpenIncidentsPage.title, page.render(), viewer: viewer, current: "/web")
    }

    func incident(_ idText: String?, _ viewer: WebViewer) async throws -> Response {
        guard let id = incidentNumber(idText), let (incident, timeline) = try await dependencies.incident(id) else {
            return notFound("没有这个事件。There is no incident \(idText ?? "").", viewer)
        }
        let report = try await dependencies.report(id)?.postmortem
        let page = IncidentPage(
            incident: incident, timeline: timeline, report: report, showReportLink: report.map(viewer.mayRead) ?? false, format: format)
        return html("\(incident.id) · \(incident.form.subject)", page.render(), viewer: viewer)
    }

    func archive(_ query: FormFields, _ viewer: WebViewer) async throws -> Response {
        guard viewer.readsEverything else { return forbidden(viewer) }
        let filters: ArchiveFilters
        do {
            filters = try ArchiveFilters(query)
        } catch {
            let page = ArchivePage(filters: ArchiveFilters(), hits: nil, error: "无效的筛选条件 Not a valid filter: \(error.description)", format: format)
            return html(ArchivePage.title, page.render(), viewer: viewer, current: "/web/archive", status: .badRequest)
        }
        let hits = try await dependencies.search(filters.query(in: dependencies.timeZone))
        let page = ArchivePage(filters: filters, hits: hits, error: nil, format: format)
        return html(ArchivePage.title, page.render(), viewer: viewer, current: "/web/archive")
    }

    func statistics(_ query: FormFields, _ viewer: WebViewer) async throws -> Response {
        guard viewer.readsEverything else { return forbidden(viewer) }
        let current = MonthPeriod(containing: dependencies.now(), in: dependencies.timeZone)
        var month = current
        if let text = query.trimmed("month") {
            guard let chosen = MonthPeriod(text) else {
                return message("月份应为 YYYY-MM。The month must be written YYYY-MM.", status: .badRequest, viewer: viewer,
                               link: "/web/stats", linkLabel: "本月 This month")
            }
            month = chosen
        }
        let first = month.adding(months: -(StatisticsPage.months - 1))
        let figures = try await dependencies.statistics(first.start(in: dependencies.timeZone), month.end(in: dependencies.timeZone))
        let page = StatisticsPage(month: month, current: current, statistics: figures)
        return html(StatisticsPage.title, page.render(), viewer: viewer, current: "/web/stats")
    }
}
