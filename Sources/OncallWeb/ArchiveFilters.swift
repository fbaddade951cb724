import Foundation
import OncallCore

/// The archive page's query string (`q`, `level`, `state`, `report`, `month`, `org`, `service`) as a search.
struct ArchiveFilters: Sendable, Equatable {
    static let limit = 200

    var text: String?
    var level: Level?
    var state: IncidentState?
    var reportState: Postmortem.State?
    var month: MonthPeriod?
    var organisation: String?
    var service: String?

    /// Reads the filters; a value no form offers is refused with what was wrong.
    init(_ fields: FormFields) throws(InvalidFilter) {
        text = fields.trimmed("q")
        organisation = fields.trimmed("org")
        service = fields.trimmed("service")
        if let value = fields.trimmed("level") {
            guard let number = Int(value), let level = Level(rawValue: number) else { throw InvalidFilter("level 级别: \(value)") }
            self.level = level
        }
        if let value = fields.trimmed("state") {
            guard let state = IncidentState(rawValue: value) else { throw InvalidFilter("state 状态: \(value)") }
            self.state = state
        }
        if let value = fields.trimmed("report") {
            guard let state = Postmortem.State(rawValue: value) else { throw InvalidFilter("report 报告: \(value)") }
            reportState = state
        }
        if let value = fields.trimmed("month") {
            guard let month = MonthPeriod(value) else { throw InvalidFilter("month 月份 (YYYY-MM): \(value)") }
            self.month = month
        }
    }

    init() {}

    struct InvalidFilter: Error {
        let description: String
        init(_ description: String) { self.description = description }
    }

    func query(in timeZone: TimeZone) -> ArchiveQuery {
        ArchiveQuery(
            text: text, level: level, states: state.map { [$0] }, reportState: reportState,
            from: month?.start(in: timeZone), until: month?.end(in: timeZone),
            organisation: organisation, service: service, limit: Self.limit)
    }

    /// The words searched for, as the snippet highlights them.
    var terms: [String] {
        (text ?? "").split(whereSeparator: \.isWhitespace).map(String.init)
    }
}
