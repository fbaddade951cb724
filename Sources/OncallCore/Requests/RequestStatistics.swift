import Foundation

/// The share of promises kept, per request kind and month (the month a promise fell due, local time).
public struct RequestStatistics: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var kind: RequestKind
        /// `2026-11`.
        public var month: String
        /// Met at or before the due time.
        public var kept: Int
        /// Met late, or not met by the due time.
        public var missed: Int
        /// Not yet due and not yet met.
        public var open: Int

        /// Kept over decided (kept + missed); nil before any promise is decided.
        public var keptShare: Double? { kept + missed == 0 ? nil : Double(kept) / Double(kept + missed) }
    }

    public var rows: [Row]

    /// Rows in kind order, then by month; cancelled promises do not count.
    public static func compute(_ requests: [ServiceRequest], timeZone: TimeZone, now: Date) -> RequestStatistics {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var counts: [RequestKind: [String: Row]] = [:]
        for request in requests {
            for deadline in request.deadlines {
                guard let outcome = deadline.outcome(now: now) else { continue }
                let parts = calendar.dateComponents([.year, .month], from: deadline.dueAt)
                let month = "\(LocalDate.pad(parts.year ?? 0, 4))-\(LocalDate.pad(parts.month ?? 0, 2))"
                var row = counts[request.kind]?[month] ?? Row(kind: request.kind, month: month, kept: 0, missed: 0, open: 0)
                switch outcome {
                case .kept: row.kept += 1
                case .missed: row.missed += 1
                case .open: row.open += 1
                }
                counts[request.kind, default: [:]][month] = row
            }
        }
        let rows = RequestKind.allCases.flatMap { kind in (counts[kind] ?? [:]).values.sorted { $0.month < $1.month } }
        return RequestStatistics(rows: rows)
    }
}
