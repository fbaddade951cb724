import Foundation
import OncallAPI
import OncallCurl

// MARK: - Calendar subscriptions

extension OncallClient {
    /// Creates a calendar feed (`POST /v1/calendar-feeds`); the answer carries its secret address, once.
    public func subscribeCalendar(_ request: CalendarFeedRequestDTO) throws(ClientError) -> CalendarFeedDTO {
        try decodeAnswer(CalendarFeedDTO.self, from: send(method: "POST", path: "/v1/calendar-feeds", body: encode(request)))
    }

    /// Every calendar feed, revoked ones too, newest first (`GET /v1/calendar-feeds`).
    public func calendarFeeds() throws(ClientError) -> [CalendarFeedDTO] {
        try decodeAnswer(CalendarFeedListDTO.self, from: send(method: "GET", path: "/v1/calendar-feeds")).feeds
    }

    /// Revokes a feed (`POST /v1/calendar-feeds/{id}/revoke`); `id` is `CF-3` or `3`.
    public func revokeCalendarFeed(_ id: String) throws(ClientError) -> CalendarFeedDTO {
        try decodeAnswer(
            CalendarFeedDTO.self,
            from: send(method: "POST", path: "/v1/calendar-feeds/" + Self.escapeQuery(id) + "/revoke", body: encode(EmptyRequest())))
    }
}
