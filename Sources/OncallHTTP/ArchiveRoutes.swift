import Foundation
import Hummingbird
import OncallAPI
import OncallCore

/// The archive for managers: `/v1/archive` (search), `/v1/statistics`, `/v1/documents` (weekly and monthly).
struct ArchiveRoutes {
    let dependencies: APIDependencies

    func register(on router: some RouterMethods<OncallRequestContext>) {
        if let service = dependencies.postmortems {
            router.get("/v1/archive") { request, _ in
                let query = try archiveQuery(request.uri.queryParameters.map { (String($0.key), String($0.value)) })
                let hits = try await service.search(query)
                return JSONResponse.make(ArchiveResultDTO(hits: hits.map(ArchiveHitDTO.init)))
            }
        }
        if let statistics = dependencies.statistics {
            router.get("/v1/statistics") { request, _ in
                let zone = dependencies.settings.api.timeZone
                let current = IncidentStatistics.month(of: dependencies.clock.now, timeZone: zone)
                var first = current
                var last = current
                for (key, value) in request.uri.queryParameters {
                    switch key {
                    case "from": first = String(value)
                    case "until": last = String(value)
                    default: throw RouteHelpers.invalidQuery(String(key), "unknown query parameter; allowed: from, until (months, YYYY-MM)")
                    }
                }
                guard let start = IncidentStatistics.monthRange(first, timeZone: zone) else {
                    throw RouteHelpers.invalidQuery("from", "'\(first)' is not a month such as 2026-11")
                }
                guard let end = IncidentStatistics.monthRange(last, timeZone: zone), end.until > start.from else {
                    throw RouteHelpers.invalidQuery("until", "'\(last)' is not a month such as 2026-11 on or after \(first)")
                }
                let figures = try await statistics.statistics(from: start.from, until: end.until)
                return JSONResponse.make(StatisticsDTO(figures, from: first, until: last))
            }
        }
        let periodic = dependencies.store.periodic
        let documents: @Sendable (PeriodicKind?, Int) async throws -> [PeriodicDocument] = {
            try await periodic.periodicDocuments(kind: $0, limit: $1)
        }
        router.get("/v1/documents") { request, _ in
            let kind = try request.uri.queryParameters["kind"].map { value in
                guard let kind = PeriodicKind(rawValue: String(value)) else { throw RouteHelpers.invalidQuery("kind", "use weekly or monthly") }
                return kind
            }
            let list = try await documents(kind, 200)
            return JSONResponse.make(PeriodicDocumentListDTO(documents: list.map { PeriodicDocumentDTO($0, withText: false) }))
        }
        router.get("/v1/documents/:kind/:period") { _, context in
            let kindText = context.parameters.get("kind") ?? ""
            let period = context.parameters.get("period") ?? ""
            guard let kind = PeriodicKind(rawValue: kindText),
                  let document = try await documents(kind, 10_000).first(where: { $0.period == period })
            else { throw APIFailure(status: .notFound, code: "not_found", message: "no \(kindText) document for \(period)") }
            return JSONResponse.make(PeriodicDocumentDTO(document, withText: true))
        }
    }

    /// The query string as an `ArchiveQuery`; every unknown or malformed parameter is refused by name.
    func archiveQuery(_ parameters: [(String, String)]) throws -> ArchiveQuery {
        var query = ArchiveQuery()
        let zone = dependencies.settings.api.timeZone
        func day(_ field: String, _ text: String) throws -> Date {
            if let instant = APIDates.parse(text) { return instant }
            if let day = LocalDate(iso: text) { return day.start(in: zone) }
            throw RouteHelpers.invalidQuery(field, "'\(text)' is not a date (YYYY-MM-DD) or an RFC 3339 time")
        }
        for (key, value) in parameters {
            switch key {
            case "q": query.text = value
            case "level":
                guard let number = Int(value), let level = Level(rawValue: number) else { throw RouteHelpers.invalidQuery("level", "must be 1, 2 or 3") }
                query.level = level
            case "state":
                var states: Set<IncidentState> = []
                for name in value.split(separator: ",") {
                    guard let state = IncidentState(rawValue: String(name)) else {
                        throw RouteHelpers.invalidQuery("state", "'\(name)' is not a state; use \(IncidentState.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    states.insert(state)
                }
                query.states = states
            case "report":
                guard let state = Postmortem.State(rawValue: value) else { throw RouteHelpers.invalidQuery("report", "use draft, submitted or approved") }
                query.reportState = state
            case "from": query.from = try day("from", value)
            case "until": query.until = try day("until", value)
            case "month":
                guard let range = IncidentStatistics.monthRange(value, timeZone: zone) else {
                    throw RouteHelpers.invalidQuery("month", "'\(value)' is not a month such as 2026-11")
                }
                query.from = range.from
                query.until = range.until
            case "org", "organisation": query.organisation = value
            case "service": query.service = value
            case "limit":
                guard let limit = Int(value), (1...1000).contains(limit) else { throw RouteHelpers.invalidQuery("limit", "must be 1 to 1000") }
                query.limit = limit
            default:
                throw RouteHelpers.invalidQuery(key, "unknown query parameter; allowed: q, level, state, report, from, until, month, org, service, limit")
            }
        }
        return query
    }
}
