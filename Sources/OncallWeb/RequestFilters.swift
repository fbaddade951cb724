import OncallCore

/// The request list's query string (`state`: `open` or `closed`; `kind`: a `RequestKind` raw value) as a query.
struct RequestFilters: Sendable, Equatable {
    static let limit = 200

    var open: Bool?
    var kind: RequestKind?

    /// Reads the filters; a value no form offers is refused with what was wrong.
    init(_ fields: FormFields) throws(ArchiveFilters.InvalidFilter) {
        switch fields.trimmed("state") {
        case nil: break
        case "open"?: open = true
        case "closed"?: open = false
        case let value?: throw ArchiveFilters.InvalidFilter("state 状态: \(value)")
        }
        if let value = fields.trimmed("kind") {
            guard let kind = RequestKind(rawValue: value) else { throw ArchiveFilters.InvalidFilter("kind 类型: \(value)") }
            self.kind = kind
        }
    }

    init() {}

    var query: RequestQuery { RequestQuery(open: open, kind: kind, limit: Self.limit) }
}
