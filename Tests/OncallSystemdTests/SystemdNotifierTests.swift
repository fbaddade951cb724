#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Logging
import OncallSystemd
import Testing

/// Everything here reads or changes the process environment (`NOTIFY_SOCKET`, `WATCHDOG_USEC`,
/// `JOURNAL_STREAM`), so the tests run one after another.
@Suite(.serialized)
struct SystemdNotifierTests {
    // MARK: - Notifier

    @Test func noNotifySocketMeansNoOps() {
        withEnvironment(["NOTIFY_SOCKET": nil, "WATCHDOG_USEC": nil]) {
            let notifier = SystemdNotifier()
            #expect(!notifier.isEnabled)
            #expect(!notifier.ready())
            #expect(!notifier.status("x"))
            #expect(!notifier.reloading())
            #expect(!notifier.stopping())
            #expect(!notifier.watchdog())
            #expect(notifier.watchdogInterval == nil)
        }
    }

    @Test func readyStatusStoppingArriveAsDatagrams() throws {
        let socket = try NotifySocket()
        try withEnvironment(["NOTIFY_SOCKET": socket.path]) { () throws in
            let notifier = SystemdNotifier()
            #expect(notifier.isEnabled)

            #expect(notifier.ready())
            #expect(try socket.receive() == "READY=1")

            #expect(notifier.status("3 open incidents\nL1: 1"))
            #expect(try socket.receive() == "STATUS=3 open incidents L1: 1")

            #expect(notifier.watchdog())
            #expect(try socket.receive() == "WATCHDOG=1")

            #expect(notifier.stopping())
            #expect(try socket.receive() == "STOPPING=1")

            #expect(notifier.extendTimeout(by: .seconds(90)))
            #expect(try socket.receive() == "EXTEND_TIMEOUT_USEC=90000000")
        }
    }

    @Test func reloadingCarriesMonotonicTimestamp() throws {
        let socket = try NotifySocket()
        try withEnvironment(["NOTIFY_SOCKET": socket.path]) { () throws in
            let before = monotonicMicroseconds()
            #expect(SystemdNotifier().reloading())
            let after = monotonicMicroseconds()

            let message = try #require(try socket.receive())
            let lines = message.split(separator: "\n")
            #expect(lines.count == 2)
            #expect(lines.first == "RELOADING=1")
            let stamp = try #require(lines.last.flatMap { $0.split(separator: "=").last }.flatMap { UInt64($0) })
            #expect(lines.last?.hasPrefix("MONOTONIC_USEC=") == true)
            #expect(stamp >= before && stamp <= after)
        }
    }

    @Test func watchdogIntervalComesFromEnvironment() {
        withEnvironment(["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": nil]) {
            #expect(SystemdNotifier().watchdogInterval == .seconds(30))
        }
        withEnvironment(["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "\(getpid())"]) {
            #expect(SystemdNotifier().watchdogInterval == .seconds(30))
        }
        // The watchdog belongs to another process (e.g. inherited by a child): not ours.
        withEnvironment(["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"]) {
            #expect(SystemdNotifier().watchdogInterval == nil)
        }
        withEnvironment(["WATCHDOG_USEC": nil, "WATCHDOG_PID": nil]) {
            #expect(SystemdNotifier().watchdogInterval == nil)
        }
    }

    // MARK: - WatchdogService

    @Test func watchdogServicePingsWhileHealthy() async throws {
        let socket = try NotifySocket()
        try await withEnvironment(["NOTIFY_SOCKET": socket.path, "WATCHDOG_USEC": "100000", "WATCHDOG_PID": nil]) { () async throws in
            let service = WatchdogService(notifier: SystemdNotifier(), healthCheck: { true })
            let task = Task { try await service.run() }
            var pings = 0
            // Pings come every 50 ms; the generous wait only matters on a loaded machine.
            for _ in 0..<10 where pings < 3 {
                if try socket.receive(timeout: .seconds(3)) == "WATCHDOG=1" { pings += 1 }
            }
            task.cancel()
            try await task.value  // Ends normally on cancellation.
            #expect(pings == 3)
        }
    }

    @Test func watchdogServiceWithholdsPingsWhenUnhealthy() async throws {
        let socket = try NotifySocket()
        try await withEnvironment(["NOTIFY_SOCKET": socket.path, "WATCHDOG_USEC": "100000", "WATCHDOG_PID": nil]) { () async throws in
            let service = WatchdogService(notifier: SystemdNotifier(), healthCheck: { false })
            let task = Task { try await service.run() }
            let received = try socket.receive(timeout: .milliseconds(300))
            task.cancel()
            try await task.value
            #expect(received == nil)
        }
    }

    @Test func watchdogServiceReturnsAtOnceWhenDisabled() async throws {
        try await withEnvironment(["WATCHDOG_USEC": nil]) { () async throws in
            let clock = ContinuousClock()
            let start = clock.now
            try await WatchdogService(notifier: SystemdNotifier(), healthCheck: { true }).run()
            #expect(clock.now - start < .seconds(1))
        }
    }

    // MARK: - JOURNAL_STREAM

    @Test func journalStreamMatchesStderr() {
        var info = stat()
        #expect(fstat(STDERR_FILENO, &info) == 0)
        withEnvironment(["JOURNAL_STREAM": "\(info.st_dev):\(info.st_ino)"]) {
            #expect(JournalLogHandler.isJournalStream())
            #expect(LoggingBootstrap.makeHandler(label: "t") is JournalLogHandler)
        }
        withEnvironment(["JOURNAL_STREAM": "\(info.st_dev):\(info.st_ino &+ 1)"]) {
            #expect(!JournalLogHandler.isJournalStream())
        }
        withEnvironment(["JOURNAL_STREAM": "garbage"]) {
            #expect(!JournalLogHandler.isJournalStream())
        }
        withEnvironment(["JOURNAL_STREAM": nil]) {
            #expect(!JournalLogHandler.isJournalStream())
            #expect(LoggingBootstrap.makeHandler(label: "t") is SyslogStderrLogHandler)
        }
    }

    // MARK: - Stderr handler, end to end (fd 2 is process-wide state too)

    @Test func stderrHandlerWritesOneLinePerMessage() throws {
        var pipeFDs: [Int32] = [0, 0]
        #expect(pipe(&pipeFDs) == 0)
        let savedStderr = dup(STDERR_FILENO)
        dup2(pipeFDs[1], STDERR_FILENO)
        var handler = SyslogStderrLogHandler(label: "oncalld.test", logLevel: .debug)
        handler.metadataProvider = Logger.MetadataProvider { ["request.id": "r-1"] }
        var logger = Logger(label: "oncalld.test", factory: { _ in handler })
        logger[metadataKey: "incident.id"] = "INC-000042"
        logger.warning("escalated\nto the emergency group", metadata: ["reason": "not fixed in 10 min"])
        logger.trace("dropped by the logger's level")
        dup2(savedStderr, STDERR_FILENO)
        close(savedStderr)
        close(pipeFDs[1])
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(pipeFDs[0], &buffer, buffer.count)
        close(pipeFDs[0])
        let output = String(decoding: buffer[..<max(0, count)], as: UTF8.self)
        #expect(
            output
                == #"<4>oncalld.test: escalated\nto the emergency group incident.id=INC-000042 reason="not fixed in 10 min" request.id=r-1"# + "\n"
        )
    }
}

// MARK: - Helpers

/// Sets (or with `nil`, unsets) environment variables for the duration of `body`.
private func withEnvironment<T>(_ values: [String: String?], _ body: () throws -> T) rethrows -> T {
    let saved = values.keys.map { ($0, getenv($0).map { String(cString: $0) }) }
    apply(values)
    defer { apply(Dictionary(uniqueKeysWithValues: saved)) }
    return try body()
}

/// The async flavour of `withEnvironment`.
private func withEnvironment<T>(_ values: [String: String?], _ body: () async throws -> T) async rethrows -> T {
    let saved = values.keys.map { ($0, getenv($0).map { String(cString: $0) }) }
    apply(values)
    defer { apply(Dictionary(uniqueKeysWithValues: saved)) }
    return try await body()
}

private func apply(_ values: [String: String?]) {
    for (key, value) in values {
        if let value { setenv(key, value, 1) } else { unsetenv(key) }
    }
}

private func monotonicMicroseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
}

private struct SocketError: Error, CustomStringConvertible {
    let description: String
    init(_ what: String) { description = "\(what): \(String(cString: strerror(errno)))" }
}

/// A bound `AF_UNIX`/`SOCK_DGRAM` socket at a fresh temporary path, playing systemd's side of
/// `NOTIFY_SOCKET`. Removed when released.
private final class NotifySocket {
    let path: String
    private let fd: Int32

    init() throws {
        path = "/tmp/oncalld-notify-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).sock"
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw SocketError("socket") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            precondition(bytes.count < raw.count)
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard rc == 0 else {
            close(fd)
            throw SocketError("bind \(path)")
        }
    }

    deinit {
        close(fd)
        unlink(path)
    }

    /// The next datagram as text, or `nil` when none arrives within `timeout`.
    func receive(timeout: Duration = .seconds(2)) throws -> String? {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        let ready = poll(&poller, 1, milliseconds)
        guard ready >= 0 else { throw SocketError("poll") }
        guard ready > 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(fd, &buffer, buffer.count, 0)
        guard count >= 0 else { throw SocketError("recv") }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }
}
