import Foundation
import Hummingbird
import OncallCore

/// `GET /v1/calendars/{token}.ics` on the TCP listener: a subscription's iCalendar feed. The
/// secret token in the address is the credential (as a Google Calendar secret address), so this
/// route sits outside the bearer-token check; an unknown or revoked token is a bare 404.
struct CalendarRoutes {
    let dependencies: APIDependencies

    /// The path prefix, which the error log shows instead of the secret path.
    static let prefix = "/v1/calendars/"

    func register(on router: some RouterMethods<OncallRequestContext>) {
        guard let feeds = dependencies.calendarFeeds else { return }
        router.get("/v1/calendars/:file") { request, context in
            let file = context.parameters.get("file") ?? ""
            guard file.hasSuffix(".ics"), let feed = try await feeds.feed(token: String(file.dropLast(4))) else {
                throw APIFailure(status: .notFound, code: "not_found", message: "not found")
            }
            let (daysBack, daysAhead) = try Self.days(request)
            let text = try feeds.calendar(feed, daysBack: daysBack, daysAhead: daysAhead)
            return Response(
                status: .ok,
                headers: [
                    .contentType: "text/calendar; charset=utf-8", .cacheControl: "private, max-age=300",
                    .contentDisposition: "inline; filename=\"oncall-\(feed.subject.id).ics\"",
                ],
                body: .init(byteBuffer: ByteBuffer(string: text)))
        }
    }

    /// `?days_back=N&days_ahead=N`, each optional; the bounds are checked by the window.
    static func days(_ request: Request) throws -> (back: Int, ahead: Int) {
        var back = CalendarFeedWindow.defaultDaysBack, ahead = CalendarFeedWindow.defaultDaysAhead
        for (key, value) in request.uri.queryParameters {
            guard key == "days_back" || key == "days_ahead" else {
                throw RouteHelpers.invalidQuery(String(key), "unknown query parameter; allowed: days_back, days_ahead")
            }
            guard let days = Int(String(value)) else { throw RouteHelpers.invalidQuery(String(key), "must be a whole number of days") }
            if key == "days_back" { back = days } else { ahead = days }
        }
        return (back, ahead)
    }
}
