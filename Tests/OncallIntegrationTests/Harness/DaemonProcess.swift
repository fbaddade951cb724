import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One running `oncalld --config FILE`, its stderr captured to a file.
///
/// Whoever starts one stops it (``stop()``, ``kill()``); `deinit` SIGKILLs a daemon still running
/// as a last resort so no test leaves one behind.
final class DaemonProcess: @unchecked Sendable {
    let process: Process
    /// The daemon's stderr (its log).
    let logPath: String

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    /// Launches the daemon; it is not ready yet (see ``waitUntilReady(timeout:)``).
    init(configPath: String, logPath: String, environment: [String: String] = [:]) throws {
        self.logPath = logPath
        process = try ChildProcess.launch(
            Binaries.oncalld, ["--config", configPath], environment: environment,
            stdoutPath: logPath + ".stdout", stderrPath: logPath)
    }

    deinit {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
    }

    /// Everything the daemon logged so far.
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Waits for the `ready` log line (both listeners bound); throws with the log if the daemon exits or is slow.
    func waitUntilReady(timeout: Duration = .seconds(10)) async throws {
        _ = try await eventually("oncalld to log 'ready'", timeout: timeout, interval: .milliseconds(20)) { () throws -> Bool? in
            let log = self.log
            if log.contains("oncalld: ready") { return true }
            if !process.isRunning {
                throw HarnessError("oncalld exited with status \(process.terminationStatus) before it was ready; log:\n\(log)")
            }
            return nil
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
