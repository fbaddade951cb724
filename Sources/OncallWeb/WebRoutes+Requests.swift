import Foundation
import Hummingbird
import OncallCore

/// The service-request pages, which only read: the list with the promises kept, one request, and the release calendar.
extension WebRoutes {
    func requestList(_ query: FormFields, _ viewer: WebViewer) async throws -> Response {
        let now = dependencies.now()
        let since = MonthPeriod(containing: now, in: dependencies.timeZone).adding(months: -(RequestListPage.statisticsMonths - 1))
        let statistics = try await dependencies.requestStatistics(since.start(in: dependencies.timeZone))
        let filters: RequestFilters
        do {
            filters = try RequestFilters(query)
        } catch {
            let page = RequestListPage(
                filters: RequestFilters(), requests: [], statistics: statistics, statisticsSince: since,
                error: "无效的筛选条件 Not a valid filter: \(error.description)", now: now, format: format)
            return html(RequestListPage.title, page.render(), viewer: viewer, current: "/web/requests", status: .badRequest)
        }
        let requests = try await dependencies.requests(filters.query)
        let page = RequestListPage(
            filters: filters, requests: requests, statistics: statistics, statisticsSince: since, now: now, format: format)
        return html(RequestListPage.title, page.render(), viewer: viewer, current: "/web/requests")
    }

    func serviceRequest(_ numberText: String?, _ viewer: WebViewer) async throws -> Response {
        guard let number = numberText.flatMap(RequestNumber.init), let request = try await dependencies.request(number) else {
            return notFound("没有这个服务请求。There is no service request \(numberText ?? "").", viewer)
        }
        let page = RequestPage(request: request, now: dependencies.now(), format: format)
        return html(RequestPage.title(request), page.render(), viewer: viewer)
    }

    func releases(_ viewer: WebViewer) async throws -> Response {
        let page = ReleasesPage(windows: dependencies.releases(ReleasesPage.weeks), format: format)
        return html(ReleasesPage.title, page.render(), viewer: viewer, current: "/web/releases")
    }
}
