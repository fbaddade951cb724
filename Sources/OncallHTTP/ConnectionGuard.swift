import NIOConcurrencyHelpers
import NIOCore
import NIOHTTPTypes

/// Bounds what one client can hold of a listener: every request must arrive whole (head and body)
/// within `requestTimeout` of the connection opening or of the previous answer, however slowly it
/// trickles (a slowloris client resets no idle timer here), and at most `maxConnections` are open
/// at once; a connection over the limit is closed as soon as it is accepted.
public struct ConnectionGuard: Sendable {
    public let requestTimeout: TimeAmount
    public let maxConnections: Int
    private let open = NIOLockedValueBox(0)

    public init(requestTimeout: Duration, maxConnections: Int) {
        self.requestTimeout = .nanoseconds(Int64(requestTimeout.components.seconds) * 1_000_000_000
            + requestTimeout.components.attoseconds / 1_000_000_000)
        self.maxConnections = maxConnections
    }

    /// Connections open now.
    public var openConnections: Int { open.withLockedValue { $0 } }

    /// The handler for one new connection (Hummingbird's `additionalChannelHandlers`).
    public func handler() -> any RemovableChannelHandler {
        RequestDeadlineHandler(guard: self)
    }

    /// Counts the connection in; false when the listener is full.
    fileprivate func admit() -> Bool {
        open.withLockedValue { count in
            guard count < maxConnections else { return false }
            count += 1
            return true
        }
    }

    fileprivate func release() { open.withLockedValue { $0 -= 1 } }
}

private final class RequestDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    let connectionGuard: ConnectionGuard
    private var admitted = false
    private var deadline: Scheduled<Void>?

    init(guard connectionGuard: ConnectionGuard) { self.connectionGuard = connectionGuard }

    func handlerAdded(context: ChannelHandlerContext) {
        guard connectionGuard.admit() else {
            context.close(promise: nil)
            return
        }
        admitted = true
        arm(context)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
        if admitted { connectionGuard.release() }
        admitted = false
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // The request is all here: how long the answer takes is the server's business.
        if case .end = unwrapInboundIn(data) {
            deadline?.cancel()
            deadline = nil
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        // The answer is out: the next request on this connection has the same time to arrive.
        if case .end = unwrapOutboundIn(data) { arm(context) }
        context.write(data, promise: promise)
    }

    private func arm(_ context: ChannelHandlerContext) {
        deadline?.cancel()
        let channel = context.channel
        deadline = context.eventLoop.scheduleTask(in: connectionGuard.requestTimeout) {
            channel.close(promise: nil)
        }
    }
}
