import Hummingbird

/// Admits local-socket callers by their kernel-reported credentials and names them `unix:<login>`.
public struct UnixPeerMiddleware: RouterMiddleware {
    public typealias Context = OncallRequestContext
    let policy: @Sendable () -> SocketAccessPolicy

    public init(policy: @escaping @Sendable () -> SocketAccessPolicy) {
        self.policy = policy
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let peer: PeerCredentials
        do {
            peer = try await PeerCredentials.of(context.channel)
        } catch {
            throw APIFailure(status: .forbidden, code: "forbidden", message: "the caller's credentials cannot be read")
        }
        let userName = UnixAccounts.userName(of: peer.uid)
        guard policy().admits(peer, userName: userName) else {
            context.logger.warning("refused local caller", metadata: ["peer.uid": "\(peer.uid)", "peer.pid": "\(peer.pid)"])
            throw APIFailure(status: .forbidden, code: "forbidden", message: "uid \(peer.uid) may not use this socket")
        }
        var context = context
        context.caller = "unix:" + (userName ?? "uid=\(peer.uid)")
        return try await next(request, context)
    }
}
