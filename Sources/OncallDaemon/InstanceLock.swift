#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock` on `state_dir/oncalld.lock`: a second daemon on the same state refuses to start.
final class InstanceLock {
    private let descriptor: Int32

    init(path: String) throws(DaemonError) {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .startup("cannot open \(path): \(String(cString: strerror(errno)))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw .startup("another oncalld is running on this state directory (\(path) is locked)")
        }
        descriptor = fd
    }

    deinit { close(descriptor) }
}
