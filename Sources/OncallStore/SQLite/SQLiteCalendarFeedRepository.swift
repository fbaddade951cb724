import Foundation
import GRDB
import OncallCore

/// Calendar subscriptions, found by their token's hash.
public struct SQLiteCalendarFeedRepository: CalendarFeedStore {
    let database: SQLiteDatabase

    public func addFeed(_ make: @escaping @Sendable (Int64) throws -> CalendarFeed) async throws -> CalendarFeed {
        try await database.writer.write { db in
            let next = (try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'calendarFeed'") ?? 0) + 1
            let feed = try make(next)
            try db.execute(sql: """
                INSERT INTO calendarFeed (id, subjectKind, subjectId, tokenHash, createdBy, createdAt) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [feed.id, feed.subject.kind, feed.subject.id, feed.tokenHash, feed.createdBy, feed.createdAt.timeIntervalSince1970])
            return feed
        }
    }

    public func feeds() async throws -> [CalendarFeed] {
        try await database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM calendarFeed ORDER BY id DESC LIMIT 1000").map(Self.feed)
        }
    }

    public func feed(tokenHash: String) async throws -> CalendarFeed? {
        try await database.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM calendarFeed WHERE tokenHash = ?", arguments: [tokenHash]).map(Self.feed)
        }
    }

    public func revokeFeed(_ id: Int64, at now: Date, by actor: String) async throws -> CalendarFeed? {
        try await database.writer.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM calendarFeed WHERE id = ?", arguments: [id]) else { return nil }
            var feed = try Self.feed(row)
            guard feed.isActive else { return feed }
            try db.execute(
                sql: "UPDATE calendarFeed SET revokedAt = ?, revokedBy = ? WHERE id = ?", arguments: [now.timeIntervalSince1970, actor, id])
            feed.revokedAt = now
            feed.revokedBy = actor
            return feed
        }
    }

    static func feed(_ row: Row) throws -> CalendarFeed {
        let id: Int64 = row["id"]
        guard let subject = CalendarFeedSubject(kind: row["subjectKind"], id: row["subjectId"]) else {
            throw StoreError.unreadable("calendar feed \(id): unknown subject kind")
        }
        return CalendarFeed(
            id: id, subject: subject, tokenHash: row["tokenHash"], createdBy: row["createdBy"],
            createdAt: Date(timeIntervalSince1970: row["createdAt"]),
            revokedAt: (row["revokedAt"] as Double?).map(Date.init(timeIntervalSince1970:)), revokedBy: row["revokedBy"])
    }
}
