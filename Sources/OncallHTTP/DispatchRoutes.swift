import Foundation
import Hummingbird
import OncallAPI
import OncallCore

/// Field dispatch: sending an engineer to an incident, the visit's steps, and the listings and
/// monthly SLA report of visits.
///
/// - `POST /v1/incidents/{id}/dispatch` → 201 `DispatchAnswerDTO`
/// - `POST /v1/incidents/{id}/visit/{step}` → 200 `VisitDTO` of the incident's latest visit
/// - `GET /v1/incidents/{id}/visits` → `VisitListDTO`, oldest first
/// - `GET /v1/dispatches?open=&branch=&since=&limit=` → `VisitListDTO`, newest first
/// - `GET /v1/dispatches/report?month=YYYY-MM` → `DispatchReportDTO`
struct DispatchRoutes {
    let dependencies: APIDependencies

    /// The largest number of visits one report reads.
    static let reportVisitLimit = 1_000_000

    func register(on router: some RouterMethods<OncallRequestContext>) {
        router.post("/v1/incidents/:id/dispatch") { request, context in try await dispatch(request, context) }
        router.post("/v1/incidents/:id/visit/:step") { request, context in try await step(request, context) }
        router.get("/v1/incidents/:id/visits") { request, context in try await incidentVisits(request, context) }
        router.get("/v1/dispatches") { request, _ in try await list(request) }
        router.get("/v1/dispatches/report") { request, _ in try await report(request) }
    }

    var service: IncidentService { dependencies.service }

    // MARK: - Handlers

    func dispatch(_ request: Request, _ context: OncallRequestContext) async throws -> Response {
        let id = try incidentNumber(context)
        let body = try await decode(DispatchRequestBody.self, request)
        let (decision, _, visits) = try await service.dispatch(body.target, skill: body.skill, on: id, actor: caller(context))
        guard let latest = visits.max(by: { $0.attempt < $1.attempt }) else {
            throw APIFailure(status: .internalServerError, code: "internal", message: "the dispatch was recorded without a visit")
        }
        context.logger.notice("field engineer dispatched", metadata: [
            "incident.id": "\(id)", "visit.attempt": "\(latest.attempt)", "visit.engineer": "\(latest.engineer)",
            "visit.branch": "\(latest.branch)", "visit.sla": "\(latest.slaKind.rawValue)", "caller": "\(caller(context))",
        ])
        let now = dependencies.clock.now
        return JSONResponse.make(status: .created, DispatchAnswerDTO(dto(latest, now: now), decision: decision))
    }

    func step(_ request: Request, _ context: OncallRequestContext) async throws -> Response {
        let id = try incidentNumber(context)
        let name = context.parameters.get("step") ?? ""
        let body = try await decode(VisitStepBody.self, request)
        let step = try body.step(named: name)
        let (_, visits) = try await service.visitStep(step, on: id, actor: caller(context))
        guard let latest = visits.max(by: { $0.attempt < $1.attempt }) else { throw StoreError.notFound(id) }
        context.logger.notice("visit \(name)", metadata: [
            "incident.id": "\(id)", "visit.attempt": "\(latest.attempt)", "visit.state": "\(latest.state.rawValue)",
            "caller": "\(caller(context))",
        ])
        return JSONResponse.make(dto(latest, now: dependencies.clock.now))
    }

    func incidentVisits(_ request: Request, _ context: OncallRequestContext) async throws -> Response {
        let id = try incidentNumber(context)
        for (key, _) in request.uri.queryParameters {
            throw invalidQuery(String(key), "unknown query parameter; this listing takes none")
        }
        guard try await service.incident(id) != nil else { throw StoreError.notFound(id) }
        let visits = try await service.visits(of: id).sorted { $0.attempt < $1.attempt }
        let now = dependencies.clock.now
        return JSONResponse.make(VisitListDTO(visits: dtos(visits, now: now)))
    }

    func list(_ request: Request) async throws -> Response {
        var query = VisitQuery(limit: 100)
        for (key, value) in request.uri.queryParameters {
            switch key {
            case "open":
                switch value.lowercased() {
                case "true", "1", "yes": query.openOnly = true
                case "false", "0", "no": query.openOnly = false
                default: throw invalidQuery("open", "must be true or false")
                }
            case "branch":
                let branch = String(value).trimmingCharacters(in: .whitespaces)
                guard !branch.isEmpty else { throw invalidQuery("branch", "must not be empty") }
                query.branch = branch
            case "since":
                guard let since = APIDates.parse(String(value)) else { throw invalidQuery("since", "must be an RFC 3339 time") }
                query.since = since
            case "limit":
                guard let limit = Int(value), (1...1000).contains(limit) else { throw invalidQuery("limit", "must be 1 to 1000") }
                query.limit = limit
            default:
                throw invalidQuery(String(key), "unknown query parameter; allowed: open, branch, since, limit")
            }
        }
        let visits = try await service.visits(query)
        let now = dependencies.clock.now
        return JSONResponse.make(VisitListDTO(visits: dtos(visits, now: now)))
    }

    func report(_ request: Request) async throws -> Response {
        let setup = dependencies.settings.api.dispatch
        let timeZone = setup?.calendar.timeZone ?? WorkingCalendar.standard.timeZone
        let now = dependencies.clock.now
        var month = DispatchReportDTO.month(of: now, timeZone: timeZone)
        for (key, value) in request.uri.queryParameters {
            guard key == "month" else { throw invalidQuery(String(key), "unknown query parameter; allowed: month") }
            month = String(value)
        }
        guard let (from, to) = DispatchReportDTO.interval(of: month, timeZone: timeZone) else {
            throw invalidQuery("month", "'\(month)' is not a month such as 2026-11 (YYYY-MM)")
        }
        let visits = try await service.visits(VisitQuery(since: from, limit: Self.reportVisitLimit))
        return JSONResponse.make(DispatchReportDTO(
            month: month, timeZone: timeZone, from: from, to: to, visits: visits, setup: setup, now: now))
    }

    /// This month's report, for `/metrics`; nil when dispatch is not configured.
    func currentMonthReport() async throws -> DispatchReportDTO? {
        guard let setup = dependencies.settings.api.dispatch else { return nil }
        let now = dependencies.clock.now
        let timeZone = setup.calendar.timeZone
        let month = DispatchReportDTO.month(of: now, timeZone: timeZone)
        guard let (from, to) = DispatchReportDTO.interval(of: month, timeZone: timeZone) else { return nil }
        let visits = try await service.visits(VisitQuery(since: from, limit: Self.reportVisitLimit))
        return DispatchReportDTO(month: month, timeZone: timeZone, from: from, to: to, visits: visits, setup: setup, now: now)
    }

    // MARK: - Helpers

    func dto(_ visit: Visit, now: Date) -> VisitDTO {
        dtos([visit], now: now)[0]
    }

    /// The visits on the wire, with the configuration and people's names read once.
    func dtos(_ visits: [Visit], now: Date) -> [VisitDTO] {
        let setup = dependencies.settings.api.dispatch
        let names = dependencies.settings.api.onCall(now).names
        return visits.map { VisitDTO($0, setup: setup, names: names, now: now) }
    }

    func decode<T: StrictDecodable>(_ type: T.Type, _ request: Request) async throws -> T {
        try await RouteHelpers.decode(type, request, maxBodyBytes: dependencies.settings.api.maxBodyBytes)
    }

    func incidentNumber(_ context: OncallRequestContext) throws -> IncidentNumber { try RouteHelpers.incidentNumber(context) }
    func caller(_ context: OncallRequestContext) -> String { RouteHelpers.caller(context) }
    func invalidQuery(_ field: String, _ message: String) -> APIFailure { RouteHelpers.invalidQuery(field, message) }
}
