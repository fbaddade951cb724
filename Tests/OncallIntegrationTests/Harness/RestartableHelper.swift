import Foundation

/// A test server (``HelperProcess``) that can go down and come back on the same port, as a far end
/// does in an outage: ``stop()`` closes its port (connections are refused), ``restart()`` listens on
/// it again. Each run writes its own stdout and stderr; the script's log is shared (it appends).
final class RestartableHelper: @unchecked Sendable {
    let name: String
    let script: String
    let arguments: [String]
    let directory: String
    /// The port of the first run, which later runs listen on too.
    let port: Int
    private let lock = NSLock()
    private var runs: [HelperProcess]

    init(name: String, script: String, arguments: [String], directory: String) async throws {
        let first = try await HelperProcess(name: name, script: script, arguments: arguments, directory: directory)
        self.name = name
        self.script = script
        self.arguments = arguments
        self.directory = directory
        port = first.port
        runs = [first]
    }

    private var current: HelperProcess { lock.withLock { runs[runs.count - 1] } }

    var isRunning: Bool { current.isRunning }

    /// What every run wrote on stderr (Python tracebacks), for failure messages.
    var stderr: String { lock.withLock { runs }.map(\.stderr).joined(separator: "\n--- restarted ---\n") }

    /// Stops the current run (SIGTERM, then SIGKILL); from then on its port refuses connections.
    func stop() { current.stop() }

    /// Starts the script again on ``port`` and waits until it listens; the current run must be stopped.
    func restart() async throws {
        guard !current.isRunning else { throw HarnessError("\(name) is still running; stop it first") }
        let number = lock.withLock { runs.count + 1 }
        let run = try await HelperProcess(
            name: "\(name)-\(number)", script: script, arguments: arguments + ["--port", String(port)], directory: directory)
        guard run.port == port else {
            run.stop()
            throw HarnessError("\(name) came back on port \(run.port), not \(port)")
        }
        lock.withLock { runs.append(run) }
    }
}
