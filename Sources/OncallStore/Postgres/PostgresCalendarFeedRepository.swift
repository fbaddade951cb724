import Foundation
import Logging
import OncallCore
import PostgresNIO

/// Calendar subscriptions, found by their token's hash.
public struct PostgresCalendarFeedRepository: CalendarFeedStore {
    let database: PostgresDatabase

    public func addFeed(_ make: @escaping @Sendable (Int64) throws -> CalendarFeed) async throws -> CalendarFeed {
        let logger = database.logger
        return try await database.transaction { connection in
            let id = try await connection.rows("SELECT nextval('calendar_feed_id_seq') AS id", logger: logger)[0].value("id", as: Int64.self)
            let feed = try make(id)
            try await connection.run("""
                INSERT INTO calendar_feed (id, subject_kind, subject_id, token_hash, created_by, created_at)
                VALUES (\(feed.id), \(feed.subject.kind), \(feed.subject.id), \(feed.tokenHash), \(feed.createdBy),
                        \(feed.createdAt.timeIntervalSince1970))
                """, logger: logger)
            return feed
        }
    }

    public func feeds() async throws -> [CalendarFeed] {
        let logger = database.logger
        return try await database.read { connection in
            try await connection.rows("SELECT * FROM calendar_feed ORDER BY id DESC LIMIT 1000", logger: logger).map(Self.feed)
        }
    }

    public func feed(tokenHash: String) async throws -> CalendarFeed? {
        let logger = database.logger
        return try await database.read { connection in
            try await connection.rows("SELECT * FROM calendar_feed WHERE token_hash = \(tokenHash)", logger: logger).first.map(Self.feed)
        }
    }

    public func revokeFeed(_ id: Int64, at now: Date, by actor: String) async throws -> CalendarFeed? {
        let logger = database.logger
        return try await database.transaction { connection in
            guard let row = try await connection.rows("SELECT * FROM calendar_feed WHERE id = \(id) FOR UPDATE", logger: logger).first
            else { return nil }
            var feed = try Self.feed(row)
            guard feed.isActive else { return feed }
            try await connection.run(
                "UPDATE calendar_feed SET revoked_at = \(now.timeIntervalSince1970), revoked_by = \(actor) WHERE id = \(id)", logger: logger)
            feed.revokedAt = now
            feed.revokedBy = actor
            return feed
        }
    }

    static func feed(_ row: PostgresRandomAccessRow) throws -> CalendarFeed {
        let id: Int64 = try row.value("id")
        guard let subject = CalendarFeedSubject(kind: try row.value("subject_kind"), id: try row.value("subject_id")) else {
            throw StoreError.unreadable("calendar feed \(id): unknown subject kind")
        }
        return CalendarFeed(
            id: id, subject: subject, tokenHash: try row.value("token_hash"), createdBy: try row.value("created_by"),
            createdAt: Date(timeIntervalSince1970: try row.value("created_at")),
            revokedAt: try row.value("revoked_at", as: Double?.self).map(Date.init(timeIntervalSince1970:)),
            revokedBy: try row.value("revoked_by", as: String?.self))
    }
}
