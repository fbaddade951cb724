import Foundation

/// Durable schedule and output of the regular documents (weekly report, monthly list).
public protocol PeriodicStore: Sendable {
    /// The pending due time of each kind's next document.
    func periodicSchedule() async throws -> [PeriodicKind: Date]
    /// Sets the kind's first due time unless one is already pending (first start).
    func schedulePeriodic(_ kind: PeriodicKind, dueAt: Date) async throws
    /// In one transaction: stores `document`, queues `messages`, and moves the kind's due time from
    /// `firedDueAt` to `nextDueAt`. Returns false (writing nothing) if the due time is no longer
    /// `firedDueAt` (another run completed it).
    func completePeriodic(
        _ kind: PeriodicKind, firedDueAt: Date, document: PeriodicDocument, messages: [OutboxMessage], nextDueAt: Date
    ) async throws -> Bool
    /// Generated documents, newest first, optionally of one kind.
    func periodicDocuments(kind: PeriodicKind?, limit: Int) async throws -> [PeriodicDocument]
}

/// Which regular document (SPEC.md, regular work).
public enum PeriodicKind: String, Sendable, Codable, CaseIterable {
    /// The weekly report for the week before each Monday.
    case weekly
    /// The monthly list of incidents (bugs fixed), in the first week of the next month.
    case monthly
}

/// A generated regular document.
public struct PeriodicDocument: Sendable, Equatable {
    public var kind: PeriodicKind
    /// `2026-W47` for a week (ISO 8601), `2026-11` for a month.
    public var period: String
    /// The covered interval, `[from, until)`.
    public var from: Date
    public var until: Date
    public var markdown: String
    public var generatedAt: Date

    public init(kind: PeriodicKind, period: String, from: Date, until: Date, markdown: String, generatedAt: Date) {
        self.kind = kind
        self.period = period
        self.from = from
        self.until = until
        self.markdown = markdown
        self.generatedAt = generatedAt
    }
}
