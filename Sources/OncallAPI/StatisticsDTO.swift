import Foundation
import OncallCore

/// `GET /v1/statistics`: month-by-level figures and dispatch SLA compliance per branch. Durations in seconds.
public struct StatisticsDTO: Codable, Sendable, Equatable {
    public struct LevelDTO: Codable, Sendable, Equatable {
        public var month: String
        public var level: Int
        public var count: Int
        public var escalated: Int
        public var escalationRate: Double
        public var meanToAcknowledge: Double?
        public var p90ToAcknowledge: Double?
        public var meanToResolve: Double?
        public var p90ToResolve: Double?

        enum CodingKeys: String, CodingKey {
            case month, level, count, escalated
            case escalationRate = "escalation_rate"
            case meanToAcknowledge = "mean_to_acknowledge_s"
            case p90ToAcknowledge = "p90_to_acknowledge_s"
            case meanToResolve = "mean_to_resolve_s"
            case p90ToResolve = "p90_to_resolve_s"
        }
    }

    public struct BranchDTO: Codable, Sendable, Equatable {
        public var month: String
        public var branch: String
        public var visits: Int
        public var met: Int
        public var missed: Int
        public var pending: Int
        public var compliance: Double?
    }

    public var from: String
    public var until: String
    public var levels: [LevelDTO]
    public var branches: [BranchDTO]

    public init(_ statistics: IncidentStatistics, from: String, until: String) {
        self.from = from
        self.until = until
        func seconds(_ duration: Duration?) -> Double? { duration?.timeInterval }
        levels = statistics.levels.map {
            LevelDTO(
                month: $0.month, level: $0.level.rawValue, count: $0.count, escalated: $0.escalated, escalationRate: $0.escalationRate,
                meanToAcknowledge: seconds($0.meanToAcknowledge), p90ToAcknowledge: seconds($0.p90ToAcknowledge),
                meanToResolve: seconds($0.meanToResolve), p90ToResolve: seconds($0.p90ToResolve))
        }
        branches = statistics.branches.map {
            BranchDTO(month: $0.month, branch: $0.branch, visits: $0.visits, met: $0.met, missed: $0.missed, pending: $0.pending, compliance: $0.compliance)
        }
    }
}

/// A regular document (weekly report, monthly list); `markdown` only on a single one.
public struct PeriodicDocumentDTO: Codable, Sendable, Equatable {
    public var kind: String
    public var period: String
    public var from: Date
    public var until: Date
    public var generatedAt: Date
    public var markdown: String?

    enum CodingKeys: String, CodingKey {
        case kind, period, from, until, markdown
        case generatedAt = "generated_at"
    }

    public init(_ document: PeriodicDocument, withText: Bool) {
        kind = document.kind.rawValue
        period = document.period
        from = document.from
        until = document.until
        generatedAt = document.generatedAt
        markdown = withText ? document.markdown : nil
    }
}

public struct PeriodicDocumentListDTO: Codable, Sendable, Equatable {
    public var documents: [PeriodicDocumentDTO]
    public init(documents: [PeriodicDocumentDTO]) { self.documents = documents }
}
