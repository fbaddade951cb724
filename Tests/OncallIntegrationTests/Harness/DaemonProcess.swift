import Foundation
import OncallTesting
#if canImport(Glibc)
import Glibc
#endif

/// One running `oncalld --config FILE`, its stderr captured to a file, with a notification socket
/// of its own (``notify``, passed as `NOTIFY_SOCKET`) on which it says when it is ready.
///
/// Whoever starts one stops it (``stop()``, ``kill()``); `deinit` SIGKILLs a daemon still running
/// as a last resort so no test leaves one behind.
final class DaemonProcess: @unchecked Sendable {
    let process: Process
    /// The daemon's stderr (its log).
    let logPath: String
    /// The daemon's `NOTIFY_SOCKET`: what it tells the service manager (`READY=1`, `RELOADING=1`, `STOPPING=1`…).
    let notify: NotifySocket

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    /// Launches the daemon with `NOTIFY_SOCKET` set to a fresh datagram socket at `notifyPath`;
    /// it is not ready yet (see ``waitUntilReady(timeout:)``).
    init(configPath: String, logPath: String, notifyPath: String, environment: [String: String] = [:]) throws {
        precondition(environment["NOTIFY_SOCKET"] == nil, "every daemon has its own notification socket: use `notify`")
        self.logPath = logPath
        notify = try NotifySocket(path: notifyPath)
        var environment = environment
        environment["NOTIFY_SOCKET"] = notify.path
        process = try ChildProcess.launch(
            Binaries.oncalld, ["--config", configPath], environment: environment,
            stdoutPath: logPath + ".stdout", stderrPath: logPath)
    }

    deinit {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
    }

    /// Everything the daemon logged so far.
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Waits for `READY=1` on the daemon's `NOTIFY_SOCKET` (it sends it once both listeners are
    /// bound); throws with the daemon's stderr if it exits first or is not ready within `timeout`.
    func waitUntilReady(timeout: Duration = .seconds(10)) async throws {
        do {
            try await notify.waitFor("READY=1", timeout: timeout) { [self] in
                isRunning ? nil : "oncalld exited with status \(process.terminationStatus) before it was ready"
            }
        } catch {
            throw HarnessError("\(error)\noncalld stderr (\(logPath)):\n\(log)")
        }
    }

    /// Sends `signal` to the daemon.
    func send(_ signal: Int32) {
        if process.isRunning { Glibc.kill(pid, signal) }
    }

    /// Waits for the daemon to end on its own (SIGKILL after `timeout`, and the wait throws).
    @discardableResult
    func waitForExit(timeout: Duration = .seconds(10)) async throws -> (status: Int32, signalled: Bool) {
        try await ChildProcess.waitForExit(process, timeout: timeout, what: "oncalld")
    }

    /// SIGKILL, as a crash would, and waits until it is gone.
    func kill() async throws {
        send(SIGKILL)
        try await waitForExit(timeout: .seconds(5))
    }

    /// SIGTERM (graceful stop) and waits; returns the exit status. A daemon that does not stop is killed and the call throws.
    @discardableResult
    func stop(timeout: Duration = .seconds(10)) async throws -> (status: Int32, signalled: Bool) {
        send(SIGTERM)
        return try await waitForExit(timeout: timeout)
    }
}
