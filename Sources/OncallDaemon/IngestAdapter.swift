import Foundation
import OncallHTTP
import OncallInbound

/// The inbound adapter behind the routes' `IngestPort`.
struct IngestAdapter: IngestPort {
    let ingest: InboundIngest

    func inbound(_ request: APIDependencies.InboundRequest) async throws -> (status: Int, body: Data) {
        let answer = try await ingest.handle(
            kind: request.kind, name: request.name,
            request: InboundHTTPRequest(method: request.method, headers: request.headers, query: request.query, body: request.body))
        return (answer.status, answer.body)
    }

    func localMail(_ mail: APIDependencies.LocalMail) async throws -> APIDependencies.IngestAnswer {
        let answer = try await ingest.local(raw: mail.raw, envelopeTo: mail.envelopeTo, actor: mail.actor)
        return (answer.status, answer.fields)
    }

    func retryQuarantined(_ id: Int64) async throws -> APIDependencies.IngestAnswer {
        let answer = try await ingest.retry(quarantined: id)
        return (answer.status, answer.fields)
    }
}
