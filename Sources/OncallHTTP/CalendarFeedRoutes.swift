import Foundation
import Hummingbird
import OncallAPI
import OncallCore

/// `/v1/calendar-feeds`: subscribe to a schedule's or a person's calendar, list the
/// subscriptions, revoke one. Needs a normal credential (the socket's peer, or an API token).
struct CalendarFeedRoutes {
    let dependencies: APIDependencies

    func register(on router: some RouterMethods<OncallRequestContext>) {
        guard let feeds = dependencies.calendarFeeds else { return }
        router.post("/v1/calendar-feeds") { request, context in
            let body = try await RouteHelpers.decode(
                CalendarFeedRequestDTO.self, request, maxBodyBytes: dependencies.settings.api.maxBodyBytes)
            let (feed, token) = try await feeds.subscribe(try body.subject(), actor: RouteHelpers.caller(context))
            // The token is the feed's credential: it is answered once and never logged.
            context.logger.notice("calendar feed created", metadata: [
                "calendar.feed": "\(feed.label)", "calendar.subject": "\(feed.subject)", "caller": "\(RouteHelpers.caller(context))",
            ])
            return JSONResponse.make(
                status: .created, CalendarFeedDTO(feed, token: token, baseURL: dependencies.settings.api.publicBaseURL))
        }
        router.get("/v1/calendar-feeds") { request, _ in
            if let key = request.uri.queryParameters.first?.key {
                throw RouteHelpers.invalidQuery(String(key), "unknown query parameter; none allowed")
            }
            return JSONResponse.make(CalendarFeedListDTO(feeds: try await feeds.feeds().map { CalendarFeedDTO($0) }))
        }
        router.post("/v1/calendar-feeds/:id/revoke") { request, context in
            _ = try await RouteHelpers.decode(EmptyRequest.self, request, maxBodyBytes: dependencies.settings.api.maxBodyBytes)
            let text = context.parameters.get("id") ?? ""
            guard let id = CalendarFeed.number(text), let feed = try await feeds.revoke(id, actor: RouteHelpers.caller(context)) else {
                throw APIFailure(status: .notFound, code: "not_found", message: "no calendar feed \(text)")
            }
            context.logger.notice("calendar feed revoked", metadata: [
                "calendar.feed": "\(feed.label)", "caller": "\(RouteHelpers.caller(context))",
            ])
            return JSONResponse.make(CalendarFeedDTO(feed))
        }
    }
}
