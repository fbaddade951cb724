import Foundation
import Hummingbird
import Logging
import OncallAPI
import OncallCore

/// The quarantine of authentic inbound messages that could not be understood (both listeners),
/// and raw mail from the local socket.
///
/// - `GET /v1/quarantine?status=held|retried|dropped&limit=N` → `QuarantineListDTO`, newest first
/// - `GET /v1/quarantine/{id}` → `QuarantineEntryDTO` with `raw` (UTF-8, invalid bytes replaced) and `raw_base64`
/// - `POST /v1/quarantine/{id}/retry` → `IngestAnswerDTO`; 422 `unparseable` when it still cannot be read
/// - `POST /v1/quarantine/{id}/drop` → `QuarantineEntryDTO` with status `dropped`; 409 once it was retried
/// - `POST /v1/mail` (Unix socket only): the body is a whole RFC 5322 message (`Content-Type:
///   message/rfc822`), `?recipient=a@x,b@y` the envelope recipients → `IngestAnswerDTO`. The
///   socket's peer credentials are the credential; the caller is recorded as `unix:<login>`.
struct QuarantineRoutes {
    let dependencies: APIDependencies
    /// Whether to serve `POST /v1/mail` (the Unix socket: callers known by their uid).
    let servesLocalMail: Bool

    /// The largest message `POST /v1/mail` reads: over the MIME parser's 25 MiB limit, so a message
    /// just over it is quarantined (kept) rather than refused.
    static let maxMailBytes = 26 << 20
    /// Media types `POST /v1/mail` accepts; none at all is accepted too (`curl --data-binary`).
    static let mailTypes: Set<String> = ["message/rfc822", "application/octet-stream", "text/plain"]

    func register(on router: some RouterMethods<OncallRequestContext>) {
        let inbound = dependencies.store.inbound
        let list: @Sendable (QuarantinedMessage.Status?, Int) async throws -> [QuarantinedMessage] = {
            try await inbound.quarantine(status: $0, limit: $1)
        }
        let one: @Sendable (Int64) async throws -> QuarantinedMessage? = { try await inbound.quarantined($0) }
        let setStatus: @Sendable (Int64, QuarantinedMessage.Status) async throws -> Void = { try await inbound.setQuarantineStatus($0, $1) }
        router.get("/v1/quarantine") { request, _ in try await self.list(request, list) }
        router.get("/v1/quarantine/:id") { _, context in
            let id = try quarantineID(context)
            guard let message = try await one(id) else { throw notFound(id) }
            return JSONResponse.make(QuarantineEntryDTO(message, includeRaw: true))
        }
        router.post("/v1/quarantine/:id/drop") { _, context in try await drop(context, one, setStatus) }
        guard let ingest = dependencies.ingest else { return }
        router.post("/v1/quarantine/:id/retry") { _, context in
            let id = try quarantineID(context)
            let answer = try await ingest.retryQuarantined(id)
            var metadata = Self.metadata(answer, caller: context.caller ?? "unknown")
            metadata["quarantine.id"] = "\(id)"
            context.logger.notice("quarantined message retried", metadata: metadata)
            return try Self.response(answer)
        }
        if servesLocalMail {
            router.post("/v1/mail") { request, context in try await mail(request, context, { try await ingest.localMail($0) }) }
        }
    }

    // MARK: - Handlers

    func list(
        _ request: Request, _ list: @Sendable (QuarantinedMessage.Status?, Int) async throws -> [QuarantinedMessage]
    ) async throws -> Response {
        var status: QuarantinedMessage.Status?
        var limit = 100
        for (key, value) in request.uri.queryParameters {
            switch key {
            case "status":
                guard let given = QuarantinedMessage.Status(rawValue: String(value).lowercased()) else {
                    throw invalidQuery("status", "'\(value)' is not a status; use held, retried or dropped")
                }
                status = given
            case "limit":
                guard let number = Int(value), (1...1000).contains(number) else { throw invalidQuery("limit", "must be 1 to 1000") }
                limit = number
            default:
                throw invalidQuery(String(key), "unknown query parameter; allowed: status, limit")
            }
        }
        let messages = try await list(status, limit)
        return JSONResponse.make(QuarantineListDTO(messages: messages.map { QuarantineEntryDTO($0, includeRaw: false) }))
    }

    func drop(
        _ context: OncallRequestContext, _ one: @Sendable (Int64) async throws -> QuarantinedMessage?,
        _ setStatus: @Sendable (Int64, QuarantinedMessage.Status) async throws -> Void
    ) async throws -> Response {
        let id = try quarantineID(context)
        guard var message = try await one(id) else { throw notFound(id) }
        switch message.status {
        case .retried:
            throw APIFailure(status: .conflict, code: "conflict", message: "quarantined message \(id) was retried; there is nothing to drop")
        case .dropped:
            break
        case .held:
            try await setStatus(id, .dropped)
            message.status = .dropped
            context.logger.notice("quarantined message dropped", metadata: [
                "quarantine.id": "\(id)", "quarantine.integration": "\(message.kind)/\(message.integration)",
                "caller": "\(context.caller ?? "unknown")",
            ])
        }
        return JSONResponse.make(QuarantineEntryDTO(message, includeRaw: false))
    }

    func mail(
        _ request: Request, _ context: OncallRequestContext,
        _ ingest: @Sendable (APIDependencies.LocalMail) async throws -> APIDependencies.IngestAnswer
    ) async throws -> Response {
        if let contentType = request.headers[.contentType] {
            let type = (contentType.split(separator: ";").first.map(String.init) ?? "").trimmingCharacters(in: .whitespaces).lowercased()
            guard type.isEmpty || Self.mailTypes.contains(type) else {
                throw APIFailure(
                    status: .unsupportedMediaType, code: "unsupported_media_type",
                    message: "send the message as Content-Type: message/rfc822, not \(type)")
            }
        }
        var envelopeTo: [String] = []
        for (key, value) in request.uri.queryParameters {
            guard key == "recipient" else { throw invalidQuery(String(key), "unknown query parameter; allowed: recipient") }
            envelopeTo += value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        var request = request
        let buffer = try await request.collectBody(upTo: Self.maxMailBytes)
        guard buffer.readableBytes > 0 else {
            throw APIFailure(status: .badRequest, code: "invalid_field", message: "the body is empty; it must be a whole RFC 5322 message", field: "body")
        }
        let caller = context.caller ?? "unknown"
        let answer = try await ingest(APIDependencies.LocalMail(raw: Data(buffer.readableBytesView), envelopeTo: envelopeTo, actor: caller))
        context.logger.notice("mail from the local socket", metadata: Self.metadata(answer, caller: caller))
        return try Self.response(answer)
    }

    // MARK: - Helpers

    /// Log fields for an ingest answer: the status, the outcome (or error code), the incident if any, the caller.
    static func metadata(_ answer: APIDependencies.IngestAnswer, caller: String) -> Logger.Metadata {
        var metadata: Logger.Metadata = [
            "status": "\(answer.status)", "outcome": "\(answer.fields["outcome"] ?? answer.fields["code"] ?? "")", "caller": "\(caller)",
        ]
        if let incident = answer.fields["incident"] { metadata["incident.id"] = "\(incident)" }
        return metadata
    }

    /// A 2xx ingest answer as `IngestAnswerDTO`; anything else as the API's usual error body.
    static func response(_ answer: APIDependencies.IngestAnswer) throws -> Response {
        guard (200..<300).contains(answer.status) else {
            let code = answer.fields["code"] ?? (answer.status == 404 ? "not_found" : "http_\(answer.status)")
            throw APIFailure(status: .init(code: answer.status), code: code, message: answer.fields["error"] ?? "HTTP \(answer.status)")
        }
        return JSONResponse.make(status: .init(code: answer.status), IngestAnswerDTO(fields: answer.fields))
    }

    func quarantineID(_ context: OncallRequestContext) throws -> Int64 {
        let text = context.parameters.get("id") ?? ""
        guard let id = Int64(text), id > 0 else {
            throw APIFailure(status: .notFound, code: "not_found", message: "'\(text)' is not a quarantine id (a positive number)")
        }
        return id
    }

    func notFound(_ id: Int64) -> APIFailure {
        APIFailure(status: .notFound, code: "not_found", message: "no quarantined message \(id)")
    }

    func invalidQuery(_ field: String, _ message: String) -> APIFailure {
        APIFailure(status: .badRequest, code: "invalid_field", message: "\(field): \(message)", field: field)
    }
}
