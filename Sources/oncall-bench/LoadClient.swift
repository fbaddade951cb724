import Foundation
import OncallCore
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A closed-loop HTTP/1.1 load generator: `connections` keep-alive connections, each sending its
/// next request as soon as the previous answer ends, until `total` requests have been answered.
/// The same client drives oncalld (TCP or its Unix socket) and Alertmanager, so their figures compare.
struct LoadClient {
    enum Target: CustomStringConvertible {
        case tcp(host: String, port: Int)
        case unix(path: String)

        var description: String {
            switch self {
            case let .tcp(host, port): "http://\(host):\(port)"
            case let .unix(path): "unix:\(path)"
            }
        }
    }

    struct Request: Sendable {
        var path: String
        var headers: [(String, String)] = []
        var body: [UInt8]
    }

    /// What a run measured: every answer's latency, and the answers that were not 2xx by status.
    struct Result {
        var answered = 0
        var failures: [UInt: Int] = [:]
        var elapsed: Duration = .zero
        var latencies: [Duration] = []

        var perSecond: Double { Double(answered) / elapsed.timeInterval }
        func percentile(_ p: Double) -> Duration {
            guard !latencies.isEmpty else { return .zero }
            return latencies[min(latencies.count - 1, Int((Double(latencies.count) * p).rounded(.up)) - 1)]
        }
        var failureSummary: String {
            failures.isEmpty ? "" : failures.sorted { $0.key < $1.key }.map { "\($0.value)×\($0.key)" }.joined(separator: " ")
        }
    }

    let target: Target
    let connections: Int

    /// Sends `total` requests, `request(i)` building the i-th; returns when all are answered.
    func run(total: Int, method: HTTPMethod = .POST, request: @escaping @Sendable (Int) -> Request) async throws -> Result {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        do {
            let result = try await run(on: group, total: total, method: method, request: request)
            try? await group.shutdownGracefully()
            return result
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
    }

    private func run(
        on group: MultiThreadedEventLoopGroup, total: Int, method: HTTPMethod, request: @escaping @Sendable (Int) -> Request
    ) async throws -> Result {
        let next = NIOLockedValueBox(0)
        let claim: @Sendable () -> Int? = {
            next.withLockedValue { index in
                guard index < total else { return nil }
                defer { index += 1 }
                return index
            }
        }
        let host: String = switch target {
        case let .tcp(host, _): host
        case .unix: "localhost"
        }
        let clock = ContinuousClock()
        let start = clock.now
        let outcomes = try await withThrowingTaskGroup(of: Result.self) { tasks in
            for _ in 0..<connections {
                tasks.addTask {
                    let promise = group.next().makePromise(of: Result.self)
                    let driver = ConnectionDriver(host: host, method: method, claim: claim, request: request, done: promise)
                    let bootstrap = ClientBootstrap(group: group)
                        .channelOption(.socketOption(.so_reuseaddr), value: 1)
                        .channelInitializer { channel in
                            channel.eventLoop.makeCompletedFuture {
                                try channel.pipeline.syncOperations.addHTTPClientHandlers()
                                try channel.pipeline.syncOperations.addHandler(driver)
                            }
                        }
                    switch target {
                    case let .tcp(host, port): _ = try await bootstrap.connect(host: host, port: port).get()
                    case let .unix(path): _ = try await bootstrap.connect(unixDomainSocketPath: path).get()
                    }
                    return try await promise.futureResult.get()
                }
            }
            var merged = Result()
            for try await outcome in tasks {
                merged.answered += outcome.answered
                merged.latencies += outcome.latencies
                merged.failures.merge(outcome.failures, uniquingKeysWith: +)
            }
            return merged
        }
        var result = outcomes
        result.elapsed = clock.now - start
        result.latencies.sort()
        return result
    }
}

/// Drives one connection: writes a request, reads its answer, records the latency, repeats.
private final class ConnectionDriver: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    let host: String
    let method: HTTPMethod
    let claim: @Sendable () -> Int?
    let request: @Sendable (Int) -> LoadClient.Request
    let done: EventLoopPromise<LoadClient.Result>
    var result = LoadClient.Result()
    var sentAt = NIODeadline.now()
    var status: UInt = 0

    init(host: String, method: HTTPMethod, claim: @escaping @Sendable () -> Int?, request: @escaping @Sendable (Int) -> LoadClient.Request,
         done: EventLoopPromise<LoadClient.Result>) {
        self.host = host
        self.method = method
        self.claim = claim
        self.request = request
        self.done = done
    }

    func channelActive(context: ChannelHandlerContext) {
        sendNext(context)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case let .head(head): status = head.status.code
        case .body: break
        case .end:
            let latency = NIODeadline.now() - sentAt
            result.answered += 1
            result.latencies.append(.nanoseconds(latency.nanoseconds))
            if !(200..<300).contains(status) { result.failures[status, default: 0] += 1 }
            sendNext(context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        done.succeed(result)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func sendNext(_ context: ChannelHandlerContext) {
        guard let index = claim() else {
            context.close(promise: nil)
            return
        }
        let request = request(index)
        var headers = HTTPHeaders([("Host", host), ("Content-Type", "application/json"), ("Content-Length", "\(request.body.count)")])
        headers.add(contentsOf: request.headers)
        sentAt = NIODeadline.now()
        context.write(wrapOutboundOut(.head(HTTPRequestHead(version: .http1_1, method: method, uri: request.path, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: request.body)))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
}

extension Duration {
    var milliseconds: Double { timeInterval * 1000 }
}
