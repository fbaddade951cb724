import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A stand-in for systemd's notification socket: an AF_UNIX datagram socket bound at `path`,
/// to be passed to the daemon as `NOTIFY_SOCKET`.
public final class NotifySocket: @unchecked Sendable {
    /// Why the socket could not be made, or the awaited line never came.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    public let path: String
    private let fd: Int32
    private let lock = NSLock()
    private var messages: [String] = []

    public init(path: String) throws {
        self.path = path
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw Failure("socket(AF_UNIX, SOCK_DGRAM): \(String(cString: strerror(errno)))") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            close(fd)
            throw Failure("socket path too long: \(path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else {
            let text = String(cString: strerror(errno))
            close(fd)
            throw Failure("bind \(path): \(text)")
        }
        // A short receive timeout, so a blocked recv never outlives the caller's deadline by much.
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        self.fd = fd
    }

    deinit {
        close(fd)
        unlink(path)
    }

    /// Every datagram received so far, in order.
    public var received: [String] { lock.withLock { messages } }

    /// Receives datagrams until one — among those after the first `skipping` received — has the line
    /// `assignment` (e.g. `READY=1`); returns its index in ``received``. Throws after `timeout`, or
    /// as soon as `abandon` (asked between receives, at least every 100 ms) returns a reason — say,
    /// the sender has exited and nothing more can come.
    @discardableResult
    public func waitFor(
        _ assignment: String, skipping: Int = 0, timeout: Duration = .seconds(10),
        abandon: (@Sendable () -> String?)? = nil
    ) async throws -> Int {
        let deadline = ContinuousClock.now + timeout
        enum Outcome: Sendable { case found(Int), abandoned(String), timedOut }
        let outcome = try await offThread { [self] () -> Outcome in
            if let index = self.index(of: assignment, from: skipping) { return .found(index) }
            var buffer = [UInt8](repeating: 0, count: 4096)
            while ContinuousClock.now < deadline {
                let count = recv(fd, &buffer, buffer.count, 0)
                if count > 0 {
                    let message = String(decoding: buffer[0..<count], as: UTF8.self)
                    lock.withLock { messages.append(message) }
                    if let index = self.index(of: assignment, from: skipping) { return .found(index) }
                    continue
                }
                // EAGAIN after the receive timeout: has the sender gone? Drain what it sent before it went.
                if let reason = abandon?() {
                    while true {
                        let count = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
                        guard count > 0 else { break }
                        lock.withLock { messages.append(String(decoding: buffer[0..<count], as: UTF8.self)) }
                    }
                    if let index = self.index(of: assignment, from: skipping) { return .found(index) }
                    return .abandoned(reason)
                }
            }
            return .timedOut
        }
        switch outcome {
        case .found(let index):
            return index
        case .abandoned(let reason):
            throw Failure("no \(assignment) on NOTIFY_SOCKET: \(reason); received: \(received)")
        case .timedOut:
            throw Failure("no \(assignment) on NOTIFY_SOCKET within \(timeout); received: \(received)")
        }
    }

    /// The index of the first message at or after `start` that has the line `assignment`.
    public func index(of assignment: String, from start: Int = 0) -> Int? {
        let messages = received
        guard start < messages.count else { return nil }
        return messages.indices[start...].first { Self.lines(messages[$0]).contains(assignment) }
    }

    public static func lines(_ message: String) -> [String] {
        message.split(separator: "\n").map(String.init)
    }
}
