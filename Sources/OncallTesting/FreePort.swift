import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP port on 127.0.0.1 that was free a moment ago.
///
/// It is taken from below the kernel's ephemeral range (`net.ipv4.ip_local_port_range`) when there is room:
/// the kernel never hands those out for outgoing connections or `bind(port 0)`, so a daemon that is
/// killed and restarted on the same port does not find it taken meanwhile by some client's connection
/// (the suite makes many: webhooks, SMTP, curl). Falls back to a port the kernel picks.
public func freeLocalPort() throws -> Int {
    let ephemeralStart = ephemeralPortRange()?.lowerBound ?? 32768
    let lowest = 10000
    if ephemeralStart - lowest >= 1000 {
        for _ in 0..<200 {
            let candidate = Int.random(in: lowest..<ephemeralStart)
            if let port = try? bindAndRelease(port: candidate) { return port }
        }
    }
    return try bindAndRelease(port: 0)
}

/// `net.ipv4.ip_local_port_range`, when it can be read.
private func ephemeralPortRange() -> ClosedRange<Int>? {
    guard let text = try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8) else { return nil }
    let numbers = text.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
    guard numbers.count == 2, numbers[0] <= numbers[1] else { return nil }
    return numbers[0]...numbers[1]
}

/// Binds 127.0.0.1:`port` (0: the kernel chooses), reads the port bound, and closes.
private func bindAndRelease(port: Int) throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw FreePortError("socket: \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = UInt16(port).bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0 else { throw FreePortError("bind: \(String(cString: strerror(errno)))") }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let named = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    guard named == 0 else { throw FreePortError("getsockname: \(String(cString: strerror(errno)))") }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// A socket call that failed while looking for a free port.
public struct FreePortError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
