#if canImport(Glibc)
import Glibc
#endif
import NIOCore

/// The process on the other end of a Unix socket connection, as the kernel reports it (SO_PEERCRED).
public struct PeerCredentials: Sendable, Equatable {
    public var pid: Int32
    public var uid: UInt32
    public var gid: UInt32

    public init(pid: Int32, uid: UInt32, gid: UInt32) {
        self.pid = pid
        self.uid = uid
        self.gid = gid
    }

    /// Reads the peer credentials of a Unix-domain connection.
    public static func of(_ channel: any Channel) async throws -> PeerCredentials {
        guard let provider = channel as? any SocketOptionProvider else { throw PeerCredentialsError.unsupported }
        #if canImport(Glibc)
        let credentials: RawPeerCredentials = try await provider.unsafeGetSocketOption(
            level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED)
        ).get()
        return PeerCredentials(pid: credentials.pid, uid: credentials.uid, gid: credentials.gid)
        #else
        throw PeerCredentialsError.unsupported
        #endif
    }
}

/// The connection cannot report peer credentials (not a Unix socket, or not Linux).
public enum PeerCredentialsError: Error {
    case unsupported
}

/// The layout of Linux's `struct ucred`, which Swift's Glibc module does not export (it needs _GNU_SOURCE).
struct RawPeerCredentials: Sendable {
    var pid: Int32 = 0
    var uid: UInt32 = 0
    var gid: UInt32 = 0
}
