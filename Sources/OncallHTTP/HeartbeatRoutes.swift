import Foundation
import Hummingbird
import OncallAPI
import OncallCore
import OncallSupport

/// `/v1/heartbeats`: list the heartbeats, show one, beat one. On TCP a beat is admitted by the
/// heartbeat's own token or by an API token it allows (`HeartbeatAccess`); the rest of the API
/// by the API tokens alone.
struct HeartbeatRoutes {
    let dependencies: APIDependencies

    /// The list and the show, on the authenticated API group of either listener.
    func registerReads(on router: some RouterMethods<OncallRequestContext>) {
        guard let heartbeats = dependencies.heartbeats else { return }
        router.get("/v1/heartbeats") { _, _ in
            JSONResponse.make(HeartbeatListDTO(heartbeats: try await heartbeats.list().map(HeartbeatDTO.init)))
        }
        router.get("/v1/heartbeats/:name") { _, context in
            let name = try Self.name(context)
            guard let reading = try await heartbeats.list().first(where: { $0.heartbeat.name == name }) else {
                throw Self.failure(.unknown(name, configured: try await heartbeats.list().map(\.heartbeat.name)))
            }
            return JSONResponse.make(HeartbeatDTO(reading))
        }
    }

    /// The beat on the Unix socket, where the peer-credential middleware has admitted the caller.
    func registerBeat(on router: some RouterMethods<OncallRequestContext>) {
        router.post("/v1/heartbeats/:name") { request, context in try await beat(request, context, caller: RouteHelpers.caller(context)) }
    }

    /// The beat on TCP, outside the API-token group: the heartbeat's own token admits it too.
    func registerBeat(on router: some RouterMethods<OncallRequestContext>, tokens: @escaping @Sendable () -> [(name: String, secret: String)]) {
        router.post("/v1/heartbeats/:name") { request, context in
            let name = try Self.name(context)
            let caller = try Self.admit(request, heartbeat: name, access: dependencies.settings.api.heartbeatAccess[name], tokens: tokens())
            return try await beat(request, context, caller: caller)
        }
    }

    func beat(_ request: Request, _ context: OncallRequestContext, caller: String) async throws -> Response {
        guard let heartbeats = dependencies.heartbeats else {
            throw APIFailure(status: .notFound, code: "not_found", message: "no heartbeats are configured (heartbeats)")
        }
        let name = try Self.name(context)
        _ = try await RouteHelpers.decode(EmptyRequest.self, request, maxBodyBytes: dependencies.settings.api.maxBodyBytes)
        let beat: HeartbeatService.Beat
        do {
            beat = try await heartbeats.beat(name, actor: caller)
        } catch let refusal as HeartbeatService.Refusal {
            throw Self.failure(refusal)
        }
        return JSONResponse.make(HeartbeatBeatDTO(beat))
    }

    /// Who may beat `heartbeat` with the presented bearer token: its own token (`heartbeat:<name>`),
    /// or an API token it allows (`token:<name>`). No credential is 401; an API token it does not allow is 403.
    static func admit(
        _ request: Request, heartbeat: String, access: HeartbeatAccess?, tokens: [(name: String, secret: String)]
    ) throws -> String {
        let header = request.headers[.authorization] ?? ""
        let prefix = "bearer "
        guard header.count > prefix.count, header.lowercased().hasPrefix(prefix) else {
            throw APIFailure(status: .unauthorized, code: "unauthorized", message: "a token is required (Authorization: Bearer …)")
        }
        let presented = Array(header.utf8.dropFirst(prefix.count))
        // Every comparison is made, so timing tells nothing about which secret matched.
        let own = access?.secret.map { ConstantTime.equals(presented, Array($0.utf8)) } ?? false
        var match: String?
        for token in tokens where ConstantTime.equals(presented, Array(token.secret.utf8)) {
            match = match ?? token.name
        }
        if own { return "heartbeat:" + heartbeat }
        guard let match else {
            throw APIFailure(status: .unauthorized, code: "unauthorized", message: "the token is not valid")
        }
        if let access, !access.tokens.isEmpty, !access.tokens.contains(match) {
            throw APIFailure(status: .forbidden, code: "forbidden", message: "token '\(match)' may not beat heartbeat \(heartbeat)")
        }
        return "token:" + match
    }

    /// The `{name}` path parameter, or 400 when it cannot be a heartbeat's name.
    static func name(_ context: OncallRequestContext) throws -> String {
        let name = context.parameters.get("name") ?? ""
        guard Heartbeat.isValidName(name) else { throw failure(.invalidName(name)) }
        return name
    }

    static func failure(_ refusal: HeartbeatService.Refusal) -> APIFailure {
        switch refusal {
        case .unknown: APIFailure(status: .notFound, code: "not_found", message: refusal.description)
        case .invalidName: APIFailure(status: .badRequest, code: "invalid_field", message: refusal.description, field: "name")
        }
    }
}

/// Who may beat one heartbeat over TCP, from its configuration.
public struct HeartbeatAccess: Sendable, Equatable {
    /// API token names allowed to beat it; empty: every API token.
    public var tokens: [String]
    /// Its own bearer secret, if it has one.
    public var secret: String?

    public init(tokens: [String], secret: String?) {
        self.tokens = tokens
        self.secret = secret
    }
}
