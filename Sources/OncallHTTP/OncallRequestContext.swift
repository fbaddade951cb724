import Hummingbird
import NIOCore

/// Per-request context: Hummingbird's core storage, the connection's channel (for peer
/// credentials on the Unix socket) and the authenticated caller.
public struct OncallRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The accepted connection.
    public let channel: any Channel
    /// Who is asking, as recorded on timeline events: `unix:alice` or `token:monitoring`. Set by the auth middleware.
    public var caller: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
