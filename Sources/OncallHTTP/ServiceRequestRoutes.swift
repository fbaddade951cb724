import Foundation
import Hummingbird
import OncallAPI
import OncallCore

/// `/v1/requests`: submit a service request, list and read them, record a step; the promise
/// statistics; `/v1/releases`: the coming release windows.
struct ServiceRequestRoutes {
    let dependencies: APIDependencies

    func register(on router: some RouterMethods<OncallRequestContext>) {
        guard let requests = dependencies.requests else { return }
        let clock = dependencies.clock
        let maxBodyBytes: @Sendable () -> Int = { dependencies.settings.api.maxBodyBytes }
        router.post("/v1/requests") { request, context in
            let body = try await RouteHelpers.decode(ServiceRequestFormDTO.self, request, maxBodyBytes: maxBodyBytes())
            let submitted = try await requests.submit(body, actor: RouteHelpers.caller(context))
            context.logger.notice("service request submitted", metadata: [
                "request.id": "\(submitted.number)", "request.kind": "\(submitted.kind.rawValue)", "caller": "\(RouteHelpers.caller(context))",
            ])
            return JSONResponse.make(status: .created, ServiceRequestDTO(submitted, now: clock.now))
        }
        router.get("/v1/requests") { request, _ in
            let query = try Self.query(request.uri.queryParameters)
            let found = try await requests.requests(query)
            let now = clock.now
            return JSONResponse.make(ServiceRequestListDTO(requests: found.map { ServiceRequestDTO($0, now: now) }))
        }
        router.get("/v1/requests/statistics") { request, _ in
            var since: Date?
            for (key, value) in request.uri.queryParameters {
                guard key == "since" else { throw RouteHelpers.invalidQuery(String(key), "unknown query parameter; allowed: since") }
                guard let date = APIDates.parse(String(value)) else { throw RouteHelpers.invalidQuery("since", "must be an RFC 3339 time") }
                since = date
            }
            return JSONResponse.make(RequestStatisticsDTO(try await requests.statistics(since: since)))
        }
        router.get("/v1/requests/:number") { _, context in
            JSONResponse.make(ServiceRequestDTO(try await requests.request(try Self.number(context)), now: clock.now))
        }
        router.post("/v1/requests/:number/steps") { request, context in
            let number = try Self.number(context)
            let body = try await RouteHelpers.decode(RequestStepDTO.self, request, maxBodyBytes: maxBodyBytes())
            let step = try body.requestStep()
            let updated = try await requests.record(
                step, on: number, actor: RouteHelpers.caller(context), note: body.note, promisedDate: body.promisedDate)
            context.logger.notice("service request step", metadata: [
                "request.id": "\(number)", "request.step": "\(step.rawValue)", "caller": "\(RouteHelpers.caller(context))",
            ])
            return JSONResponse.make(ServiceRequestDTO(updated, now: clock.now))
        }
        router.get("/v1/releases") { request, _ in
            var weeks = 4
            for (key, value) in request.uri.queryParameters {
                guard key == "weeks" else { throw RouteHelpers.invalidQuery(String(key), "unknown query parameter; allowed: weeks") }
                guard let count = Int(String(value)), (1...52).contains(count) else {
                    throw RouteHelpers.invalidQuery("weeks", "must be a whole number from 1 to 52")
                }
                weeks = count
            }
            return JSONResponse.make(ReleaseListDTO(releases: requests.releases(weeks: weeks).map(ServiceRequestDTO.Window.init)))
        }
    }

    static func number(_ context: OncallRequestContext) throws -> RequestNumber {
        let text = context.parameters.get("number") ?? ""
        guard let number = RequestNumber(text) else {
            throw APIFailure(status: .notFound, code: "not_found", message: "no service request \(text)")
        }
        return number
    }

    /// `open=true|false`, `kind=…`, `owner=…`, `limit=1…1000`.
    static func query(_ parameters: some Sequence<(key: Substring, value: Substring)>) throws -> RequestQuery {
        var query = RequestQuery()
        for (key, value) in parameters {
            let text = String(value)
            switch key {
            case "open":
                guard let flag = Bool(text) else { throw RouteHelpers.invalidQuery("open", "must be true or false") }
                query.open = flag
            case "kind":
                guard let kind = RequestKind(rawValue: text) else {
                    throw RouteHelpers.invalidQuery("kind", "one of \(RequestKind.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                query.kind = kind
            case "owner":
                query.owner = text
            case "limit":
                guard let limit = Int(text), (1...1000).contains(limit) else {
                    throw RouteHelpers.invalidQuery("limit", "must be a whole number from 1 to 1000")
                }
                query.limit = limit
            default:
                throw RouteHelpers.invalidQuery(String(key), "unknown query parameter; allowed: open, kind, owner, limit")
            }
        }
        return query
    }
}
