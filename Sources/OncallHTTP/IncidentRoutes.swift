import Foundation
import Hummingbird
import Logging
import OncallAPI
import OncallCore

/// The incident API: `/v1/incidents` and its commands.
struct IncidentRoutes {
    let service: IncidentService
    let maxBodyBytes: @Sendable () -> Int

    func register(on router: some RouterMethods<OncallRequestContext>) {
        router.post("/v1/incidents") { request, context in try await report(request, context) }
        router.get("/v1/incidents") { request, context in try await list(request, context) }
        router.get("/v1/incidents/:id") { request, context in try await show(request, context) }
        router.post("/v1/incidents/:id/ack") { request, context in
            _ = try await decode(EmptyRequest.self, request)
            return try await perform(.acknowledge, request, context)
        }
        router.post("/v1/incidents/:id/escalate") { request, context in
            try await perform(.escalate(reason: decode(EscalateRequest.self, request).reason), request, context)
        }
        router.post("/v1/incidents/:id/resolve") { request, context in
            try await perform(.resolve(summary: decode(ResolveRequest.self, request).summary), request, context)
        }
        router.post("/v1/incidents/:id/close") { request, context in
            _ = try await decode(EmptyRequest.self, request)
            return try await perform(.close, request, context)
        }
        router.post("/v1/incidents/:id/notes") { request, context in
            try await perform(.addNote(decode(NoteRequest.self, request).text), request, context)
        }
    }

    // MARK: - Handlers

    func report(_ request: Request, _ context: OncallRequestContext) async throws -> Response {
        let body = try await decode(ReportRequest.self, request)
        let key = request.headers.first { $0.name.canonicalName == "idempotency-key" }?.value
        if let key, key.isEmpty || key.utf8.count > 200 {
            throw APIFailure(status: .badRequest, code: "invalid_field", message: "Idempotency-Key must be 1 to 200 bytes", field: "Idempotency-Key")
        }
        let (incident, created, timeline) = try await service.reportWithTimeline(body, actor: caller(context), idempotencyKey: key)
        if created {
            context.logger.notice("incident reported", metadata: [
                "incident.id": "\(incident.id)", "incident.level": "\(incident.level.rawValue)", "caller": "\(caller(context))",
            ])
        }
        // A new incident is answered from what the write committed; a repeat reads the earlier one.
        guard let timeline else { return try await answer(incident.id, status: .ok) }
        return JSONResponse.make(status: .created, IncidentDTO(incident, timeline: timeline))
    }

    func list(_ request: Request, _ context: OncallRequestContext) async throws -> Response {
        var query = IncidentQuery(limit: 100)
        for (key, value) in request.uri.queryParameters {
            switch key {
            case "state":
                var states = query.states ?? []
                for name in value.split(separator: ",") {
                    guard let state = IncidentState(rawValue: String(name)) else {
                        throw invalidQuery("state", "'\(name)' is not a state; use \(IncidentState.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    states.insert(state)
                }
                query.states = states
            case "level":
                guard let number = Int(value), let level = Level(rawValue: number) else { throw invalidQuery("level", "must be 1, 2 or 3") }
                query.level = level
            case "since":
                guard let since = APIDates.parse(String(value)) else { throw invalidQuery("since", "must be an RFC 3339 time") }
                query.since = since
            case "limit":
                guard let limit = Int(value), (1...1000).contains(limit) else { throw invalidQuery("limit", "must be 1 to 1000") }
                query.limit = limit
            default:
                throw invalidQuery(String(key), "unknown query parameter; allowed: state, level, since, limit")
            }
        }
        let incidents = try await service.incidents(query)
        return JSONResponse.make(IncidentListDTO(incidents: incidents.map { IncidentDTO($0) }))
    }

    func show(_ request: Request, _ context: OncallRequestContext) async throws -> Response {
        try await answer(try incidentNumber(context), status: .ok)
    }

    func perform(_ command: IncidentCommand, _ request: Request, _ context: OncallRequestContext) async throws -> Response {
        let id = try incidentNumber(context)
        let incident = try await service.perform(command, on: id, actor: caller(context))
        context.logger.notice("incident \(command.verb)", metadata: [
            "incident.id": "\(incident.id)", "incident.state": "\(incident.state.rawValue)", "caller": "\(caller(context))",
        ])
        return try await answer(id, status: .ok)
    }

    // MARK: - Helpers

    func answer(_ id: IncidentNumber, status: HTTPResponse.Status) async throws -> Response {
        guard let (incident, timeline) = try await service.incident(id) else { throw StoreError.notFound(id) }
        return JSONResponse.make(status: status, IncidentDTO(incident, timeline: timeline))
    }

    func decode<T: StrictDecodable>(_ type: T.Type, _ request: Request) async throws -> T {
        try await RouteHelpers.decode(type, request, maxBodyBytes: maxBodyBytes())
    }

    func incidentNumber(_ context: OncallRequestContext) throws -> IncidentNumber { try RouteHelpers.incidentNumber(context) }
    func caller(_ context: OncallRequestContext) -> String { RouteHelpers.caller(context) }
    func invalidQuery(_ field: String, _ message: String) -> APIFailure { RouteHelpers.invalidQuery(field, message) }
}
