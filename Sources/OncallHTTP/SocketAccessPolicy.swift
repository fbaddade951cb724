#if canImport(Glibc)
import Glibc
#endif

/// Who may use the local socket, beyond what its file mode and group already enforce:
/// root, the daemon's own user, members of the socket's group, and listed users.
public struct SocketAccessPolicy: Sendable, Equatable {
    public var daemonUID: UInt32
    /// The socket file's group; its members (primary or supplementary) are admitted.
    public var groupID: UInt32?
    public var allowedUsers: Set<String>

    public init(daemonUID: UInt32, groupID: UInt32?, allowedUsers: Set<String>) {
        self.daemonUID = daemonUID
        self.groupID = groupID
        self.allowedUsers = allowedUsers
    }

    /// Whether the peer may use the API; `userName` is the peer's login, when it has one.
    public func admits(_ peer: PeerCredentials, userName: String?) -> Bool {
        if peer.uid == 0 || peer.uid == daemonUID { return true }
        if let userName, allowedUsers.contains(userName) { return true }
        guard let groupID else { return false }
        if peer.gid == groupID { return true }
        guard let userName else { return false }
        return UnixAccounts.groups(of: userName, primary: peer.gid).contains(groupID)
    }
}

/// Look-ups in the system's user and group databases (NSS).
public enum UnixAccounts {
    /// The login name of `uid`, or nil when it has none.
    public static func userName(of uid: UInt32) -> String? {
        #if canImport(Glibc)
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getpwuid_r(uid, &entry, &buffer, buffer.count, &result) == 0, result != nil, let name = entry.pw_name else {
            return nil
        }
        return String(cString: name)
        #else
        return nil
        #endif
    }

    /// The group id named `name`, or nil when there is no such group.
    public static func groupID(named name: String) -> UInt32? {
        #if canImport(Glibc)
        var entry = group()
        var result: UnsafeMutablePointer<group>?
        var buffer = [CChar](repeating: 0, count: 8192)
        guard getgrnam_r(name, &entry, &buffer, buffer.count, &result) == 0, result != nil else { return nil }
        return entry.gr_gid
        #else
        return nil
        #endif
    }

    /// Every group `user` belongs to.
    public static func groups(of user: String, primary: UInt32) -> [UInt32] {
        #if canImport(Glibc)
        var count: Int32 = 64
        var groups = [gid_t](repeating: 0, count: Int(count))
        if getgrouplist(user, primary, &groups, &count) == -1 {
            groups = [gid_t](repeating: 0, count: Int(count))
            _ = getgrouplist(user, primary, &groups, &count)
        }
        return Array(groups.prefix(Int(max(0, count))))
        #else
        return []
        #endif
    }
}
