import Foundation
import OncallAPI
import OncallCurl

/// A blocking client for oncalld's HTTP API on its Unix socket.
///
/// Every call performs one libcurl transfer on the calling thread; do not call it from the Swift
/// cooperative pool or a NIO event loop.
public struct OncallClient: Sendable {
    /// The daemon's Unix socket.
    public var socketPath: String
    /// The limit for one whole request.
    public var timeout: Duration
    /// The pauses between attempts of ``report(_:idempotencyKey:)`` when the connection fails (one retry per entry).
    public var retryDelays: [Duration]

    /// - Parameters:
    ///   - socketPath: the daemon's Unix socket, e.g. `/run/oncalld/oncalld.sock`.
    ///   - timeout: the limit for one whole request.
    ///   - retryDelays: the pauses before each retry of a report; three retries over 3 s by default.
    public init(
        socketPath: String, timeout: Duration = .seconds(30),
        retryDelays: [Duration] = [.milliseconds(500), .seconds(1), .milliseconds(1500)]
    ) {
        self.socketPath = socketPath
        self.timeout = timeout
        self.retryDelays = retryDelays
    }

    // MARK: - Typed calls

    /// Files a new incident (`POST /v1/incidents`).
    ///
    /// The request carries `Idempotency-Key: idempotencyKey`. If the connection breaks (the daemon may have
    /// received the report and be restarting) or is refused while the socket file exists, it is sent again with
    /// the same key, after each of ``retryDelays``; the daemon answers a repeated key with the same incident.
    public func report(_ request: ReportRequest, idempotencyKey: String) throws(ClientError) -> IncidentDTO {
        let body = try encode(request)
        let headers = [("Idempotency-Key", idempotencyKey)]
        return try decodeAnswer(IncidentDTO.self, from: sendRetrying(method: "POST", path: "/v1/incidents", body: body, headers: headers))
    }

    /// Sends a request that is safe to repeat, again after each of ``retryDelays`` when the connection
    /// breaks or is refused while the socket file exists; returns any answer.
    private func sendRetrying(method: String, path: String, body: Data, headers: [(String, String)]) throws(ClientError) -> CurlResponse {
        var delays = retryDelays[...]
        // Once a connection broke mid-request, or was refused while the socket file existed (a daemon
        // was there), the daemon is restarting: its socket file may be missing for a moment between
        // the stale one's removal and the new bind, so keep trying through that too.
        var restarting = false
        while true {
            do {
                return try transfer(method: method, path: path, body: body, headers: headers)
            } catch {
                restarting = restarting || error.kind == .connectionLost || isWorthRetrying(error)
                guard let delay = delays.popFirst(), restarting else { throw unreachable(error) }
                Thread.sleep(forTimeInterval: seconds(delay))
            }
        }
    }

    /// Incidents, newest first (`GET /v1/incidents`); `nil` leaves a filter to the daemon's default.
    public func list(states: [String]? = nil, level: Int? = nil, since: Date? = nil, limit: Int? = nil)
        throws(ClientError) -> [IncidentDTO]
    {
        var query: [(String, String)] = []
        if let states, !states.isEmpty { query.append(("state", states.joined(separator: ","))) }
        if let level { query.append(("level", String(level))) }
        if let since { query.append(("since", APIDates.format(since))) }
        if let limit { query.append(("limit", String(limit))) }
        let queryText = query.map { "\($0)=\(Self.escapeQuery($1))" }.joined(separator: "&")
        let response = try send(method: "GET", path: "/v1/incidents" + (queryText.isEmpty ? "" : "?" + queryText))
        return try decodeAnswer(IncidentListDTO.self, from: response).incidents
    }

    /// One incident with its timeline (`GET /v1/incidents/{id}`); `id` is `INC-000001` or `1`.
    public func show(_ id: String) throws(ClientError) -> IncidentDTO {
        try decodeAnswer(IncidentDTO.self, from: send(method: "GET", path: Self.incidentPath(id)))
    }

    /// Every message sent or being sent about an incident, with its attempts (`GET /v1/incidents/{id}/deliveries`).
    public func deliveries(_ id: String) throws(ClientError) -> DeliveryListDTO {
        try decodeAnswer(DeliveryListDTO.self, from: send(method: "GET", path: Self.incidentPath(id) + "/deliveries"))
    }

    /// Who is on call at `at` (now when nil), and the next hand-offs (`GET /v1/oncall`).
    public func onCall(at: Date?) throws(ClientError) -> OnCallDTO {
        let query = at.map { "?at=" + Self.escapeQuery(APIDates.format($0)) } ?? ""
        return try decodeAnswer(OnCallDTO.self, from: send(method: "GET", path: "/v1/oncall" + query))
    }

    /// Acknowledges an incident (`POST /v1/incidents/{id}/ack`).
    public func ack(_ id: String) throws(ClientError) -> IncidentDTO {
        try command(id, "ack", EmptyRequest())
    }

    /// Escalates an incident to the emergency group now (`POST /v1/incidents/{id}/escalate`).
    public func escalate(_ id: String, reason: String) throws(ClientError) -> IncidentDTO {
        try command(id, "escalate", EscalateRequest(reason: reason))
    }

    /// Marks an incident resolved (`POST /v1/incidents/{id}/resolve`).
    public func resolve(_ id: String, summary: String) throws(ClientError) -> IncidentDTO {
        try command(id, "resolve", ResolveRequest(summary: summary))
    }

    /// Closes a resolved incident (`POST /v1/incidents/{id}/close`).
    public func close(_ id: String) throws(ClientError) -> IncidentDTO {
        try command(id, "close", EmptyRequest())
    }

    /// Adds a note to an incident's timeline (`POST /v1/incidents/{id}/notes`).
    public func note(_ id: String, text: String) throws(ClientError) -> IncidentDTO {
        try command(id, "notes", NoteRequest(text: text))
    }

    /// An online copy of the embedded database, as the file's bytes (`POST /v1/backup`).
    public func backup() throws(ClientError) -> Data {
        let response = try send(method: "POST", path: "/v1/backup")
        guard response.status == 200 else { throw failure(response) }
        return response.body
    }

    /// The store and the active node (`GET /v1/status`).
    public func status() throws(ClientError) -> StatusDTO {
        try decodeAnswer(StatusDTO.self, from: send(method: "GET", path: "/v1/status"))
    }

    /// Whether the daemon answers `GET /healthz` with `{"status":"ok"}`; throws only when it cannot be reached.
    public func health() throws(ClientError) -> Bool {
        struct Health: Decodable { var status: String }
        let response = try send(method: "GET", path: "/healthz")
        guard response.status == 200, let health = try? JSONDecoder().decode(Health.self, from: response.body) else {
            return false
        }
        return health.status == "ok"
    }

    // MARK: - Raw access

    /// Sends one request as is and returns any answer, whatever its status; throws only ``ClientError/unreachable(socketPath:reason:)``.
    /// - Parameters:
    ///   - path: the path and query, starting with `/`.
    public func send(method: String, path: String, body: Data? = nil, headers: [(String, String)] = [])
        throws(ClientError) -> CurlResponse
    {
        do {
            return try transfer(method: method, path: path, body: body, headers: headers)
        } catch {
            throw unreachable(error)
        }
    }

    // MARK: - Helpers

    private func transfer(method: String, path: String, body: Data?, headers: [(String, String)]) throws(CurlError)
        -> CurlResponse
    {
        let accepts = headers.contains { $0.0.caseInsensitiveCompare("Accept") == .orderedSame }
        var allHeaders: [(String, String)] = accepts ? [] : [("Accept", "application/json")]
        let typed = headers.contains { $0.0.caseInsensitiveCompare("Content-Type") == .orderedSame }
        if body != nil && !typed { allHeaders.append(("Content-Type", "application/json")) }
        allHeaders += headers
        return try perform(
            CurlRequest(
                method: method, url: "http://localhost" + path, headers: allHeaders, body: body,
                unixSocketPath: socketPath, timeout: timeout, connectTimeout: min(timeout, .seconds(5))))
    }

    private func command(_ id: String, _ action: String, _ request: some Encodable) throws(ClientError) -> IncidentDTO {
        let response = try send(method: "POST", path: Self.incidentPath(id) + "/" + action, body: encode(request))
        return try decodeAnswer(IncidentDTO.self, from: response)
    }

    func encode(_ value: some Encodable) throws(ClientError) -> Data {
        do {
            return try APIDates.encoder.encode(value)
        } catch {
            throw .badResponse("cannot encode the request: \(error)")
        }
    }

    /// Decodes a 2xx answer as `T`, or throws what an error answer says.
    func decodeAnswer<T: Decodable>(_ type: T.Type, from response: CurlResponse) throws(ClientError) -> T {
        guard (200..<300).contains(response.status) else { throw failure(response) }
        do {
            return try APIDates.decoder.decode(T.self, from: response.body)
        } catch {
            throw .badResponse("cannot read the \(response.status) answer as \(T.self): \(error)")
        }
    }

    /// What a non-2xx answer means: a refusal with the daemon's reason (4xx/5xx), else an unexpected answer.
    func failure(_ response: CurlResponse) -> ClientError {
        guard response.status >= 400 else { return .badResponse("HTTP status \(response.status)") }
        if let body = try? JSONDecoder().decode(APIErrorBody.self, from: response.body) {
            return .refused(status: response.status, body)
        }
        let text = response.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return .refused(
            status: response.status,
            APIErrorBody(code: "http_\(response.status)", message: "HTTP \(response.status)" + (text.isEmpty ? "" : ": \(text.prefix(200))")))
    }

    private func isWorthRetrying(_ error: CurlError) -> Bool {
        switch error.kind {
        case .connectionLost: true
        case .couldNotConnect: FileManager.default.fileExists(atPath: socketPath)
        case .couldNotResolveHost, .timedOut, .other: false
        }
    }

    private func unreachable(_ error: CurlError) -> ClientError {
        .unreachable(socketPath: socketPath, reason: Self.reason(error, timeout: timeout))
    }

    /// A short human reason for a transport failure, preferring the system call's error.
    static func reason(_ error: CurlError, timeout: Duration) -> String {
        switch error.kind {
        case .timedOut:
            return "no answer within \(timeout)"
        case .connectionLost:
            return "the connection closed before an answer (\(error.detail.isEmpty ? error.message : error.detail))"
        case .couldNotConnect where error.osErrno != 0:
            let text = String(cString: strerror(error.osErrno))
            return error.osErrno == ENOENT || error.osErrno == ECONNREFUSED ? "\(text) (is oncalld running?)" : text
        default:
            return error.detail.isEmpty ? error.message : error.detail
        }
    }

    static func incidentPath(_ id: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove("/")
        return "/v1/incidents/" + (id.addingPercentEncoding(withAllowedCharacters: allowed) ?? id)
    }

    static func escapeQuery(_ value: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+#")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }

    private func seconds(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}

// MARK: - Field dispatch

extension OncallClient {
    /// Sends a field engineer (`POST /v1/incidents/{id}/dispatch`) to a configured `site` or a
    /// `region` (code or name) — give exactly one — with the `skill` the fault needs, if any.
    ///
    /// A refusal (`no_engineer`, `not_configured`, an unknown site or region, an open visit) is
    /// ``ClientError/refused(status:_:)``; for `no_engineer` its body's `explanation` says why
    /// each engineer could not go.
    public func dispatch(_ id: String, site: String? = nil, region: String? = nil, skill: String? = nil)
        throws(ClientError) -> DispatchAnswerDTO
    {
        let body = try encode(DispatchRequestBody(site: site, region: region, skill: skill))
        let response = try send(method: "POST", path: Self.incidentPath(id) + "/dispatch", body: body)
        return try decodeAnswer(DispatchAnswerDTO.self, from: response)
    }

    /// Reports a step of the incident's latest visit (`POST /v1/incidents/{id}/visit/{step}`):
    /// `accept`, `depart`, `arrive`, `complete` (with `summary`), `decline` (with `reason`),
    /// `cancel` (`reason` required), `callback` (with `note`) or `confirm-repair`. Returns the
    /// latest visit afterwards — after a decline, the re-dispatched one when someone else was sent.
    public func visitStep(_ id: String, step: String, note: String? = nil, reason: String? = nil, summary: String? = nil)
        throws(ClientError) -> VisitDTO
    {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove("/")
        let stepPath = step.addingPercentEncoding(withAllowedCharacters: allowed) ?? step
        let body = try encode(VisitStepBody(note: note, reason: reason, summary: summary))
        let response = try send(method: "POST", path: Self.incidentPath(id) + "/visit/" + stepPath, body: body)
        return try decodeAnswer(VisitDTO.self, from: response)
    }

    /// An incident's visits, oldest first (`GET /v1/incidents/{id}/visits`).
    public func visits(_ id: String) throws(ClientError) -> VisitListDTO {
        try decodeAnswer(VisitListDTO.self, from: send(method: "GET", path: Self.incidentPath(id) + "/visits"))
    }

    /// Field visits across incidents, newest first (`GET /v1/dispatches`); `nil` leaves a filter to the daemon's default.
    public func dispatches(open: Bool = false, branch: String? = nil, since: Date? = nil, limit: Int? = nil)
        throws(ClientError) -> VisitListDTO
    {
        var query: [(String, String)] = []
        if open { query.append(("open", "true")) }
        if let branch { query.append(("branch", branch)) }
        if let since { query.append(("since", APIDates.format(since))) }
        if let limit { query.append(("limit", String(limit))) }
        let queryText = query.map { "\($0)=\(Self.escapeQuery($1))" }.joined(separator: "&")
        let response = try send(method: "GET", path: "/v1/dispatches" + (queryText.isEmpty ? "" : "?" + queryText))
        return try decodeAnswer(VisitListDTO.self, from: response)
    }

    /// Visits and SLA deadlines met or breached per branch in a month (`GET /v1/dispatches/report`);
    /// `month` is `YYYY-MM`, nil for the current month in the daemon's calendar time zone.
    public func dispatchReport(month: String? = nil) throws(ClientError) -> DispatchReportDTO {
        let query = month.map { "?month=" + Self.escapeQuery($0) } ?? ""
        return try decodeAnswer(DispatchReportDTO.self, from: send(method: "GET", path: "/v1/dispatches/report" + query))
    }
}

// MARK: - Inbound mail and the quarantine

extension OncallClient {
    /// Hands a whole RFC 5322 message to the daemon as if it had arrived by mail (`POST /v1/mail`,
    /// Unix socket only). `recipients` are the envelope recipients (`faults+wms@…` picks a service).
    ///
    /// Sent again like ``report(_:idempotencyKey:)`` when the connection breaks: the daemon
    /// deduplicates by Message-ID (or the message's digest) and answers a repeat the same way.
    public func ingestMail(_ raw: Data, recipients: [String] = []) throws(ClientError) -> IngestAnswerDTO {
        let query = recipients.isEmpty ? "" : "?recipient=" + Self.escapeQuery(recipients.joined(separator: ","))
        let response = try sendRetrying(
            method: "POST", path: "/v1/mail" + query, body: raw, headers: [("Content-Type", "message/rfc822")])
        return try decodeAnswer(IngestAnswerDTO.self, from: response)
    }

    /// Quarantined inbound messages, newest first (`GET /v1/quarantine`); nil `status` lists all.
    public func quarantine(status: String? = nil, limit: Int? = nil) throws(ClientError) -> QuarantineListDTO {
        var query: [(String, String)] = []
        if let status { query.append(("status", status)) }
        if let limit { query.append(("limit", String(limit))) }
        let queryText = query.map { "\($0)=\(Self.escapeQuery($1))" }.joined(separator: "&")
        let response = try send(method: "GET", path: "/v1/quarantine" + (queryText.isEmpty ? "" : "?" + queryText))
        return try decodeAnswer(QuarantineListDTO.self, from: response)
    }

    /// One quarantined message with its raw bytes (`GET /v1/quarantine/{id}`).
    public func quarantined(_ id: Int64) throws(ClientError) -> QuarantineEntryDTO {
        try decodeAnswer(QuarantineEntryDTO.self, from: send(method: "GET", path: "/v1/quarantine/\(id)"))
    }

    /// Parses a quarantined message again and applies it (`POST /v1/quarantine/{id}/retry`).
    public func retryQuarantined(_ id: Int64) throws(ClientError) -> IngestAnswerDTO {
        try decodeAnswer(IngestAnswerDTO.self, from: send(method: "POST", path: "/v1/quarantine/\(id)/retry"))
    }

    /// Marks a quarantined message dropped (`POST /v1/quarantine/{id}/drop`); its bytes are kept.
    public func dropQuarantined(_ id: Int64) throws(ClientError) -> QuarantineEntryDTO {
        try decodeAnswer(QuarantineEntryDTO.self, from: send(method: "POST", path: "/v1/quarantine/\(id)/drop"))
    }
}
