import Foundation
import Hummingbird
import OncallCore
import OncallSupport

/// `GET /a/{token}` shows what a link from a message will do; `POST /a/{token}` does it.
/// Showing first means a mail scanner that follows links changes nothing. Pages are small,
/// server-rendered and readable on a phone.
struct ActionLinkRoutes {
    let dependencies: APIDependencies

    func register(on router: some RouterMethods<OncallRequestContext>) {
        router.get("/a/:token") { _, context in
            let (claims, incident) = try await verified(context)
            let verb = Self.labels[claims.action] ?? claims.action
            let summary = claims.action == "resolve"
                ? "<label>Summary 解决说明<br><textarea name=\"summary\" rows=\"4\" required></textarea></label>"
                : ""
            return page(
                title: "\(incident.id) · \(incident.form.subject)",
                body: """
                    <p><b>[\(incident.level)] \(htmlEscape(incident.form.subject))</b><br>\(htmlEscape(incident.form.organisation)) · \
                    \(htmlEscape(incident.form.reporter))<br>State: \(incident.state.rawValue)</p>
                    <form method="post">\(summary)<p><button type="submit">\(verb) \(incident.id)</button></p></form>
                    """)
        }
        router.post("/a/:token") { request, context in
            let (claims, incident) = try await verified(context)
            let actor = "link:" + claims.person
            if let step = Self.visitSteps[claims.action] {
                do {
                    _ = try await dependencies.service.visitStep(step, on: incident.id, actor: actor)
                    context.logger.notice("visit \(step.verb) from a link", metadata: ["incident.id": "\(incident.id)", "caller": "\(actor)"])
                    return page(title: "\(incident.id) \(step.verb)", body: "<p>Recorded: \(htmlEscape(Self.labels[claims.action] ?? step.verb)). 已记录。</p>")
                } catch let error as DispatchError {
                    return page(title: "\(incident.id)", body: "<p>\(htmlEscape(error.description))</p>", status: .conflict)
                }
            }
            let command: IncidentCommand
            if claims.action == "resolve" {
                var request = request
                let body = try await request.collectBody(upTo: dependencies.settings.api.maxBodyBytes)
                // An unreadable body resolves with the default summary, as an empty one does.
                let summary = (try? URLEncodedFormDecoder().decode(ResolveForm.self, from: String(buffer: body)))?.summary ?? ""
                command = .resolve(summary: summary.isEmpty ? "resolved from a message link" : summary)
            } else {
                command = .acknowledge
            }
            do {
                let updated = try await dependencies.service.perform(command, on: incident.id, actor: actor)
                context.logger.notice("incident \(command.verb) from a link", metadata: ["incident.id": "\(incident.id)", "caller": "\(actor)"])
                return page(title: "\(incident.id) \(command.verb)", body: "<p>\(incident.id) is now <b>\(updated.state.rawValue)</b>. 已完成。</p>")
            } catch let error as LifecycleError {
                return page(title: "\(incident.id)", body: "<p>\(htmlEscape(error.description))</p>", status: .conflict)
            }
        }
    }

    static let labels = [
        "ack": "Acknowledge 确认", "resolve": "Resolve 解决", "accept": "Accept the visit 接单", "depart": "On the way 出发",
        "arrive": "On site 到场", "complete": "Visit done 完成",
    ]
    static let visitSteps: [String: VisitStep] = [
        "accept": .accept, "depart": .depart, "arrive": .arrive, "complete": .complete(summary: nil),
    ]

    func verified(_ context: OncallRequestContext) async throws -> (APIDependencies.LinkClaims, Incident) {
        let token = context.parameters.get("token") ?? ""
        guard let claims = dependencies.settings.api.verifyLink(token, dependencies.clock.now),
              let (incident, _) = try await dependencies.service.incident(claims.incident)
        else {
            throw APIFailure(status: .unauthorized, code: "unauthorized", message: "this link is not valid or has expired")
        }
        return (claims, incident)
    }

    func page(title: String, body: String, status: HTTPResponse.Status = .ok) -> Response {
        let html = """
            <!doctype html><html lang="zh"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1"><title>\(htmlEscape(title))</title>
            <style>body{font-family:system-ui,sans-serif;margin:1.5em;max-width:40em}button{font-size:1.2em;padding:.6em 1.2em}
            textarea{width:100%}</style></head><body><h1>\(htmlEscape(title))</h1>\(body)</body></html>
            """
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

/// The form the resolve page posts.
private struct ResolveForm: Decodable {
    /// The resolution summary typed on the page; absent when the field was left out.
    var summary: String?
}
