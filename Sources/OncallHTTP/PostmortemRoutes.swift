import Foundation
import Hummingbird
import OncallAPI
import OncallCore

/// The fault-report API: `/v1/incidents/{id}/postmortem` (read, edit, submit, review) and `/v1/postmortems`.
struct PostmortemRoutes {
    let dependencies: APIDependencies

    func register(on router: some RouterMethods<OncallRequestContext>) {
        guard let service = dependencies.postmortems else { return }
        router.get("/v1/incidents/:id/postmortem") { request, context in
            let id = try RouteHelpers.incidentNumber(context)
            guard let (report, markdown) = try await service.document(id) else { throw PostmortemError.noReport(id) }
            if request.uri.queryParameters["format"] == "markdown" {
                return Response(
                    status: .ok, headers: [.contentType: "text/markdown; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(string: markdown)))
            }
            return JSONResponse.make(PostmortemDTO(report, markdown: markdown))
        }
        router.put("/v1/incidents/:id/postmortem") { request, context in
            let id = try RouteHelpers.incidentNumber(context)
            let body = try await RouteHelpers.decode(PostmortemEditRequest.self, request, maxBodyBytes: dependencies.settings.api.maxBodyBytes)
            let actor = RouteHelpers.caller(context)
            let report: Postmortem
            switch (body.markdown, body.sections) {
            case let (markdown?, nil):
                report = try await service.edit(id, markdown: markdown, base: body.base, actor: actor)
            case let (nil, sections?):
                report = try await service.edit(
                    id, sections: PostmortemSections(cause: sections.cause, fix: sections.fix, process: sections.process, prevention: sections.prevention),
                    actor: actor)
            default:
                throw APIFailure(status: .unprocessableContent, code: "invalid_field", message: "give exactly one of markdown or sections", field: "markdown")
            }
            context.logger.notice("postmortem edited", metadata: ["incident.id": "\(id)", "caller": "\(actor)"])
            return JSONResponse.make(PostmortemDTO(report))
        }
        router.post("/v1/incidents/:id/postmortem/submit") { request, context in
            let id = try RouteHelpers.incidentNumber(context)
            _ = try await RouteHelpers.decode(EmptyRequest.self, request, maxBodyBytes: dependencies.settings.api.maxBodyBytes)
            let report = try await service.submit(id, actor: RouteHelpers.caller(context))
            context.logger.notice("postmortem submitted", metadata: ["incident.id": "\(id)", "caller": "\(RouteHelpers.caller(context))"])
            return JSONResponse.make(PostmortemDTO(report))
        }
        router.post("/v1/incidents/:id/postmortem/review") { request, context in
            let id = try RouteHelpers.incidentNumber(context)
            let body = try await RouteHelpers.decode(PostmortemReviewRequest.self, request, maxBodyBytes: dependencies.settings.api.maxBodyBytes)
            let report = try await service.review(id, approve: body.approve, comment: body.comment ?? "", actor: RouteHelpers.caller(context))
            context.logger.notice("postmortem reviewed", metadata: [
                "incident.id": "\(id)", "caller": "\(RouteHelpers.caller(context))", "postmortem.state": "\(report.state.rawValue)",
            ])
            return JSONResponse.make(PostmortemDTO(report))
        }
        router.get("/v1/postmortems") { request, _ in
            var state: Postmortem.State?
            var owner: String?
            var limit = 100
            for (key, value) in request.uri.queryParameters {
                switch key {
                case "state":
                    guard let parsed = Postmortem.State(rawValue: String(value)) else {
                        throw RouteHelpers.invalidQuery("state", "use draft, submitted or approved")
                    }
                    state = parsed
                case "owner": owner = String(value)
                case "limit":
                    guard let parsed = Int(value), (1...1000).contains(parsed) else { throw RouteHelpers.invalidQuery("limit", "must be 1 to 1000") }
                    limit = parsed
                default: throw RouteHelpers.invalidQuery(String(key), "unknown query parameter; allowed: state, owner, limit")
                }
            }
            let reports = try await service.list(state: state, owner: owner, limit: limit)
            return JSONResponse.make(PostmortemListDTO(postmortems: reports.map { PostmortemDTO($0) }))
        }
    }
}
