import Foundation
import OncallTesting
#if canImport(Glibc)
import Glibc
#endif

/// A release `oncalld` on a temporary state directory, configured as a new user would run it: the
/// example config (people, chains, calendar, an SMTP relay that is not there) with a bearer token
/// and an Alertmanager integration added. Its start is timed to `READY=1` on its own NOTIFY_SOCKET.
final class BenchDaemon: @unchecked Sendable {
    let directory: String
    let port: Int
    let token = "bench-" + UUID().uuidString
    let alertmanagerToken = "am-" + UUID().uuidString
    private(set) var process: Process?
    private var notify: NotifySocket?
    /// From launch to `READY=1`, of the latest start.
    private(set) var startDuration: Duration = .zero

    var socketPath: String { directory + "/oncalld.sock" }
    var configPath: String { directory + "/oncalld.yaml" }
    var statePath: String { directory + "/state" }
    var pid: Int32 { process?.processIdentifier ?? 0 }

    init(template: String, directory: String) throws {
        self.directory = directory
        port = try freeLocalPort()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try token.write(toFile: directory + "/bench.token", atomically: true, encoding: .utf8)
        try alertmanagerToken.write(toFile: directory + "/am.token", atomically: true, encoding: .utf8)
        var config = try String(contentsOfFile: template, encoding: .utf8)
        // Each line is the example's own, so a change to the example that moves one fails loudly here.
        let replacements = [
            ("state_dir: run/state", "state_dir: \(statePath)"),
            ("  path: run/oncalld.sock", "  path: \(socketPath)"),
            ("  listen: 127.0.0.1:8080", "  listen: 127.0.0.1:\(port)"),
            ("  base_url: http://127.0.0.1:8080", "  base_url: http://127.0.0.1:\(port)"),
            ("  tokens: []", "  tokens:\n    - {name: bench, token_file: \(directory)/bench.token}"),
            ("integrations: []", "integrations:\n  - {name: prometheus, kind: alertmanager, token_file: \(directory)/am.token}"),
        ]
        for (line, replacement) in replacements {
            guard config.contains(line + "\n") else { throw BenchError("\(template) has no line '\(line)' to replace") }
            config = config.replacingOccurrences(of: line + "\n", with: replacement + "\n")
        }
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    /// Starts the daemon and waits for `READY=1`.
    func start(binary: String) async throws {
        let notify = try NotifySocket(path: directory + "/notify-\(UUID().uuidString.prefix(8)).sock")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--config", configPath]
        var environment = ProcessInfo.processInfo.environment
        environment["NOTIFY_SOCKET"] = notify.path
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        _ = FileManager.default.createFile(atPath: directory + "/oncalld.log", contents: nil)
        process.standardError = FileHandle(forWritingAtPath: directory + "/oncalld.log")
        process.standardOutput = FileHandle.nullDevice
        let clock = ContinuousClock()
        let launched = clock.now
        try process.run()
        try await notify.waitFor("READY=1", timeout: .seconds(120)) {
            process.isRunning ? nil : "oncalld exited with status \(process.terminationStatus); see \(self.directory)/oncalld.log"
        }
        startDuration = clock.now - launched
        self.process = process
        self.notify = notify
    }

    /// SIGTERM and wait.
    func stop() {
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }

    /// Resident set size now and at its peak, in MiB.
    var memory: (resident: Double, peak: Double) { ProcessMemory.of(pid) }
}

enum ProcessCPU {
    /// User plus system CPU time `pid` has used so far (utime + stime of /proc/PID/stat).
    static func of(_ pid: Int32) -> Duration {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return .zero }
        // Fields after the command name, which may itself hold spaces: state is 3, utime 14, stime 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return .zero }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        return .milliseconds(Int64((user + system) / ticks * 1000))
    }
}

enum ProcessMemory {
    /// VmRSS and VmHWM of `pid` from /proc, in MiB.
    static func of(_ pid: Int32) -> (resident: Double, peak: Double) {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return (0, 0) }
        func field(_ name: String) -> Double {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }) else { return 0 }
            return (Double(line.split(whereSeparator: \.isWhitespace).dropFirst().first ?? "0") ?? 0) / 1024
        }
        return (field("VmRSS"), field("VmHWM"))
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
