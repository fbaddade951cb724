import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Preparing the local socket's path before binding and its permissions after.
enum LocalSocket {
    /// Removes a socket file left by a daemon that died, refusing if one still answers there.
    static func clearStale(at path: String) throws(DaemonError) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard (info.st_mode & S_IFMT) == S_IFSOCK else {
            throw .startup("\(path) exists and is not a socket; refusing to replace it")
        }
        if isAnswering(path) { throw .startup("another daemon is listening on \(path)") }
        unlink(path)
    }

    static func isAnswering(_ path: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: bytes)
        }
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0
            }
        }
    }

    /// Sets the socket's mode and group once it is bound (it was created under a tight umask).
    static func applyPermissions(path: String, mode: Int, groupID: UInt32?) throws(DaemonError) {
        if let groupID, chown(path, uid_t.max, groupID) != 0 {
            throw .startup("cannot give \(path) to group \(groupID): \(String(cString: strerror(errno)))")
        }
        if chmod(path, mode_t(mode)) != 0 {
            throw .startup("cannot set mode \(String(mode, radix: 8)) on \(path): \(String(cString: strerror(errno)))")
        }
    }
}
