import Hummingbird
import OncallAPI
import OncallCore

/// Builds the router for one listener. The same API is served on the Unix socket (callers
/// admitted by peer credentials) and on TCP (callers admitted by API token); TCP also serves the
/// acknowledge/resolve links from messages and the calendar feeds, whose tokens are their credentials.
public enum APIRouter {
    /// How callers on a listener prove who they are.
    public enum Transport: Sendable {
        case unixSocket(policy: @Sendable () -> SocketAccessPolicy)
        case tcp(tokens: @Sendable () -> [(name: String, secret: String)])

        var label: String {
            switch self {
            case .unixSocket: "unix"
            case .tcp: "tcp"
            }
        }
    }

    public static func build(transport: Transport, dependencies: APIDependencies) -> Router<OncallRequestContext> {
        let router = Router(context: OncallRequestContext.self)
        router.add(middleware: MetricsMiddleware(metrics: dependencies.metrics, transport: transport.label))
        router.add(middleware: ErrorMiddleware(maxBodyBytes: { dependencies.settings.api.maxBodyBytes }))
        let api = router.group()
        switch transport {
        case let .unixSocket(policy):
            api.add(middleware: UnixPeerMiddleware(policy: policy))
        case let .tcp(tokens):
            ActionLinkRoutes(dependencies: dependencies).register(on: router)
            // A heartbeat's own token beats it and opens nothing else, so its beat sits outside the API-token group.
            HeartbeatRoutes(dependencies: dependencies).registerBeat(on: router, tokens: tokens)
            CalendarRoutes(dependencies: dependencies).register(on: router)
            if let ingest = dependencies.ingest {
                InboundRoutes(handle: { try await ingest.inbound($0) }, maxBodyBytes: 26 << 20).register(on: router)
            }
            api.add(middleware: BearerTokenMiddleware(tokens: tokens))
        }
        api.get("/healthz") { _, _ in
            _ = try await dependencies.store.health.statistics()  // proves the database answers
            return JSONResponse.make(["status": "ok"])
        }
        api.get("/v1/status") { _, _ in
            let role = await dependencies.store.role.state()
            return JSONResponse.make(StatusDTO(
                store: dependencies.store.backend, node: role.node, active: role.active, activeNode: role.activeNode, activeSince: role.since))
        }
        api.get("/metrics") { _, _ in
            // Only counters the store keeps cheaply; the dispatch gauge is refreshed off this path.
            if let heartbeats = dependencies.heartbeats { dependencies.metrics.setHeartbeats(try await heartbeats.list()) }
            let text = dependencies.metrics.render(
                try await dependencies.store.health.statistics(), deliveries: try await dependencies.store.deliveries.deliveryCounts(),
                role: await dependencies.store.role.state())
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        IncidentRoutes(service: dependencies.service, maxBodyBytes: { dependencies.settings.api.maxBodyBytes }).register(on: api)
        OnCallRoutes(dependencies: dependencies).register(on: api)
        DispatchRoutes(dependencies: dependencies).register(on: api)
        PostmortemRoutes(dependencies: dependencies).register(on: api)
        ArchiveRoutes(dependencies: dependencies).register(on: api)
        MaintenanceRoutes(dependencies: dependencies).register(on: api)
        ServiceRequestRoutes(dependencies: dependencies).register(on: api)
        HeartbeatRoutes(dependencies: dependencies).registerReads(on: api)
        CalendarFeedRoutes(dependencies: dependencies).register(on: api)
        // Raw mail from `oncallctl report --eml` only on the socket, where the caller is a known local user.
        let local = if case .unixSocket = transport { true } else { false }
        QuarantineRoutes(dependencies: dependencies, servesLocalMail: local).register(on: api)
        // The whole database leaves only through the socket, to a local user its mode and group admit.
        if local {
            BackupRoutes(dependencies: dependencies).register(on: api)
            HeartbeatRoutes(dependencies: dependencies).registerBeat(on: api)
        }
        return router
    }
}
