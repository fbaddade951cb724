import Foundation

/// The service-request part of a monthly document: the share of promises kept per kind for the
/// month (the month a promise fell due, as in `RequestStatistics`), and each promise missed in it.
public struct RequestMonthReport: Sendable, Equatable {
    /// A promise that fell due in the month and was not kept.
    public struct MissedPromise: Sendable, Equatable {
        public var request: RequestNumber
        public var kind: RequestKind
        public var promise: RequestDeadlineName
        public var dueAt: Date
        /// When it was met after all (late); nil while it is still not met.
        public var metAt: Date?

        public init(request: RequestNumber, kind: RequestKind, promise: RequestDeadlineName, dueAt: Date, metAt: Date?) {
            self.request = request
            self.kind = kind
            self.promise = promise
            self.dueAt = dueAt
            self.metAt = metAt
        }
    }

    /// One row per kind with a promise due in the month, in kind order.
    public var rows: [RequestStatistics.Row]
    /// By due time, then request number.
    public var missed: [MissedPromise]

    public init(rows: [RequestStatistics.Row], missed: [MissedPromise]) {
        self.rows = rows
        self.missed = missed
    }

    /// The report for `month` (`2026-11`, local time in `timeZone`) covering `[from, until)`.
    public static func compute(
        _ requests: [ServiceRequest], month: String, from: Date, until: Date, timeZone: TimeZone, now: Date
    ) -> RequestMonthReport {
        let rows = RequestStatistics.compute(requests, timeZone: timeZone, now: now).rows.filter { $0.month == month }
        let missed = requests.flatMap { request in
            request.deadlines
                .filter { $0.dueAt >= from && $0.dueAt < until && $0.outcome(now: now) == .missed }
                .map { MissedPromise(request: request.number, kind: request.kind, promise: $0.name, dueAt: $0.dueAt, metAt: $0.metAt) }
        }
        return RequestMonthReport(rows: rows, missed: missed.sorted { ($0.dueAt, $0.request) < ($1.dueAt, $1.request) })
    }
}
