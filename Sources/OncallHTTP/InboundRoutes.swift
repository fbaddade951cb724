import Foundation
import Hummingbird

/// `POST /v1/inbound/{kind}/{name}`: provider webhooks and alert senders. Each integration
/// authenticates itself (signature, basic auth, bearer token), so these routes sit outside the
/// API-token middleware; the handler answers only after the message is committed.
struct InboundRoutes {
    let handle: @Sendable (APIDependencies.InboundRequest) async throws -> (status: Int, body: Data)
    /// Mail may be large (attachments): the MIME parser's limit, not `http.max_body`.
    let maxBodyBytes: Int

    func register(on router: some RouterMethods<OncallRequestContext>) {
        router.post("/v1/inbound/:kind/:name") { request, context in
            var request = request
            let buffer = try await request.collectBody(upTo: maxBodyBytes)
            var query: [String: String] = [:]
            for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
            let answer = try await handle(APIDependencies.InboundRequest(
                kind: context.parameters.get("kind") ?? "", name: context.parameters.get("name") ?? "",
                method: request.method.rawValue, headers: request.headers.map { ($0.name.canonicalName, $0.value) },
                query: query, body: Data(buffer.readableBytesView)))
            return Response(
                status: .init(code: answer.status), headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
        }
    }
}
