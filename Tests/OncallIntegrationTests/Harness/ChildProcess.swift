import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How a finished child process ended, with everything it wrote.
struct ProcessResult: Sendable, CustomStringConvertible {
    /// The exit status, or the signal number when `signalled`.
    var status: Int32
    var signalled: Bool
    var stdout: String
    var stderr: String

    var description: String {
        "\(signalled ? "killed by signal" : "exit") \(status)\nstdout: \(stdout)\nstderr: \(stderr)"
    }
}

enum ChildProcess {
    /// The environment children start with: ours, minus what would change their behaviour
    /// (a service manager's sockets, the journal, oncallctl/oncalld defaults), plus `extra`.
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for key in ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "JOURNAL_STREAM", "LISTEN_FDS", "LISTEN_PID",
                    "ONCALLD_SOCKET", "ONCALLD_CONFIG"]
        {
            environment[key] = nil
        }
        environment.merge(extra) { _, new in new }
        return environment
    }

    /// Starts `executable` with stdin from /dev/null and stdout/stderr into the given files (created or truncated).
    static func launch(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:],
        stdoutPath: String, stderrPath: String, currentDirectory: String? = nil
    ) throws -> Process {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw HarnessError("\(executable) does not exist; build it with `swift build --build-tests`")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = Self.environment(environment)
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        let stdout = try create(stdoutPath)
        let stderr = try create(stderrPath)
        defer {
            try? stdout.close()
            try? stderr.close()
        }
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        return process
    }

    private static func create(_ path: String) throws -> FileHandle {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path)
        else { throw HarnessError("cannot create \(path)") }
        return handle
    }

    /// Waits for `process` to end; after `timeout` it is killed and the wait throws.
    static func waitForExit(_ process: Process, timeout: Duration, what: String) async throws -> (status: Int32, signalled: Bool) {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now >= deadline {
                kill(process.processIdentifier, SIGKILL)
                // Give Foundation a moment to reap it so no zombie outlives the test.
                for _ in 0..<100 where process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
                throw HarnessError("\(what) (pid \(process.processIdentifier)) did not exit within \(timeout); killed it")
            }
            do {
                try await Task.sleep(for: .milliseconds(10))
            } catch {
                // Cancelled (the test is ending): do not leave the child behind.
                kill(process.processIdentifier, SIGKILL)
                throw error
            }
        }
        return (process.terminationStatus, process.terminationReason == .uncaughtSignal)
    }

    /// Runs a short-lived command to its end (killed after `timeout`) and returns what it printed.
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], timeout: Duration = .seconds(10)
    ) async throws -> ProcessResult {
        let scratch = try TemporaryDirectory(prefix: "oncall-run")
        defer { scratch.remove() }
        let outPath = scratch.path + "/stdout", errPath = scratch.path + "/stderr"
        let process = try launch(executable, arguments, environment: environment, stdoutPath: outPath, stderrPath: errPath)
        let name = ([URL(fileURLWithPath: executable).lastPathComponent] + arguments).joined(separator: " ")
        let (status, signalled) = try await waitForExit(process, timeout: timeout, what: name)
        return ProcessResult(
            status: status, signalled: signalled,
            stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }
}

/// Runs `oncallctl` with `arguments` (stdin from /dev/null) and returns its exit status and output.
func oncallctl(_ arguments: [String], environment: [String: String] = [:]) async throws -> ProcessResult {
    try await ChildProcess.run(Binaries.oncallctl, arguments, environment: environment)
}

/// Runs `oncalld` with `arguments` to its end (for `--check-config` and start-up failures).
func oncalldOnce(_ arguments: [String], timeout: Duration = .seconds(10)) async throws -> ProcessResult {
    try await ChildProcess.run(Binaries.oncalld, arguments, timeout: timeout)
}
