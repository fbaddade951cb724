import Foundation
import OncallAPI

/// How calendar subscriptions look on a terminal. Pure: the time zone is a parameter.
enum CalendarFeedText {
    /// ID, STATUS, FEED, CREATED (local), BY, REVOKED.
    static func table(_ feeds: [CalendarFeedDTO], timeZone: TimeZone) -> [String] {
        guard !feeds.isEmpty else { return ["No calendar subscriptions."] }
        let time = IncidentText.formatter("yyyy-MM-dd HH:mm", timeZone)
        let rows = feeds.map { feed in
            let subject = feed.schedule.map { "schedule \($0)" } ?? feed.person.map { "person \($0)" } ?? "-"
            return [feed.id, feed.status, subject, time.string(from: feed.createdAt), feed.createdBy,
                    feed.revokedAt.map { time.string(from: $0) + " by " + (feed.revokedBy ?? "?") } ?? "-"]
        }
        return Table(headers: ["ID", "STATUS", "FEED", "CREATED", "BY", "REVOKED"], rows: rows).render()
    }
}
