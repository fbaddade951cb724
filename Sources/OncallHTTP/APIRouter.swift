import Hummingbird
import OncallCore

/// Builds the router for one listener. The same API is served on the Unix socket (callers
/// admitted by peer credentials) and on TCP (callers admitted by API token).
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

    public static func build(
        transport: Transport, service: IncidentService, metrics: HTTPMetrics,
        statistics: @escaping @Sendable () async throws -> StoreStatistics, maxBodyBytes: @escaping @Sendable () -> Int
    ) -> Router<OncallRequestContext> {
        let router = Router(context: OncallRequestContext.self)
        router.add(middleware: MetricsMiddleware(metrics: metrics, transport: transport.label))
        router.add(middleware: ErrorMiddleware(maxBodyBytes: maxBodyBytes))
        switch transport {
        case let .unixSocket(policy): router.add(middleware: UnixPeerMiddleware(policy: policy))
        case let .tcp(tokens): router.add(middleware: BearerTokenMiddleware(tokens: tokens))
        }
        router.get("/healthz") { _, _ in
            _ = try await statistics()  // proves the database answers
            return JSONResponse.make(["status": "ok"])
        }
        router.get("/metrics") { _, _ in
            let text = metrics.render(try await statistics())
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        IncidentRoutes(service: service, maxBodyBytes: maxBodyBytes).register(on: router)
        return router
    }
}
