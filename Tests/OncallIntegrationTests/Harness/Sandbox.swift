import Foundation
import OncallTesting
import OncallAPI
import OncallClient
import OncallCore
import OncallCurl
#if canImport(Glibc)
import Glibc
#endif

/// One test's world: a temporary directory under /tmp holding the config, state, socket, token
/// and logs; a free TCP port; and the daemons started in it.
///
/// Call ``cleanup()`` when the test ends (`defer { sandbox.cleanup() }`): it SIGKILLs any daemon
/// still running and deletes the directory.
final class Sandbox: @unchecked Sendable {
    let directory: TemporaryDirectory
    let port: Int
    /// The secret of the `ci` token (written to ``tokenPath``).
    let token: String
    private let lock = NSLock()
    private var daemons: [DaemonProcess] = []

    init() throws {
        directory = try TemporaryDirectory()
        port = try freeLocalPort()
        token = "ci-" + UUID().uuidString.lowercased()
        try write(token + "\n", to: tokenPath)
    }

    var path: String { directory.path }
    var socketPath: String { path + "/d.sock" }
    var stateDir: String { path + "/state" }
    var configPath: String { path + "/oncalld.yaml" }
    var tokenPath: String { path + "/token" }
    var tcpBase: String { "http://127.0.0.1:\(port)" }

    // MARK: - Configuration

    /// A complete, valid configuration for this sandbox.
    /// - Parameters:
    ///   - emergencyAfter: `escalation.emergency_after`.
    ///   - maxBody: `http.max_body`, when set.
    ///   - emergencyAfterByLevel: `escalation.emergency_after_by_level`, e.g. `[1: "0s"]`.
    ///   - level2After, level1After: `levels.*`.
    ///   - extraTokens: more `http.tokens` entries as (name, token file).
    func config(
        emergencyAfter: String = "10m", emergencyAfterByLevel: [Int: String] = [:], level2After: String = "20m",
        level1After: String = "60m", maxBody: String? = nil, extraTokens: [(name: String, file: String)] = [],
        requestTimeout: String? = nil, maxConnections: Int? = nil
    ) -> String {
        var lines = [
            "# oncalld integration test \(path)",
            "state_dir: \(stateDir)",
            "socket:",
            "  path: \(socketPath)",
            "http:",
            "  listen: 127.0.0.1:\(port)",
        ]
        if let maxBody { lines.append("  max_body: \(maxBody)") }
        if let requestTimeout { lines.append("  request_timeout: \(requestTimeout)") }
        if let maxConnections { lines.append("  max_connections: \(maxConnections)") }
        lines += [
            "  tokens:",
            "    - name: ci",
            "      token_file: \(tokenPath)",
        ]
        for token in extraTokens {
            lines += ["    - name: \(token.name)", "      token_file: \(token.file)"]
        }
        lines += [
            "escalation:",
            "  emergency_after: \(emergencyAfter)",
        ]
        if !emergencyAfterByLevel.isEmpty {
            lines.append("  emergency_after_by_level:")
            lines += emergencyAfterByLevel.sorted { $0.key < $1.key }.map { "    \($0.key): \($0.value)" }
        }
        lines += [
            "levels:",
            "  level2_after: \(level2After)",
            "  level1_after: \(level1After)",
            "people:",
            "  - id: zhang.wei",
            "    name: 张伟",
            "project_managers: [zhang.wei]",
            "log:",
            "  level: info",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    func writeConfig(_ text: String) throws {
        try write(text, to: configPath)
    }

    func write(_ text: String, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
            throw HarnessError("cannot write \(path)")
        }
    }

    // MARK: - Daemons

    /// Starts `oncalld --config` on ``configPath`` (write it first) and, unless told otherwise, waits until it
    /// is ready: until `READY=1` arrives on its own `NOTIFY_SOCKET` (``DaemonProcess/notify``).
    func startDaemon(environment: [String: String] = [:], waitUntilReady: Bool = true) async throws -> DaemonProcess {
        let number = lock.withLock { daemons.count + 1 }
        let daemon = try DaemonProcess(
            configPath: configPath, logPath: path + "/oncalld-\(number).log", notifyPath: path + "/notify-\(number).sock",
            environment: environment)
        lock.withLock { daemons.append(daemon) }
        if waitUntilReady { try await daemon.waitUntilReady() }
        return daemon
    }

    /// Every daemon's log, for failure messages.
    var logs: String {
        lock.withLock { daemons }.enumerated().map { index, daemon in
            "--- oncalld start #\(index + 1) (\(daemon.logPath)) ---\n\(daemon.log)"
        }.joined(separator: "\n")
    }

    /// Stops any daemon still running (SIGTERM, then SIGKILL as a last resort) and deletes the directory,
    /// unless `ONCALL_IT_KEEP` is set in the environment (to read the logs after a failure).
    func cleanup() {
        for daemon in lock.withLock({ daemons }) where daemon.isRunning {
            daemon.send(SIGTERM)
            for _ in 0..<100 where daemon.isRunning { usleep(20_000) }
            if daemon.isRunning {
                daemon.send(SIGKILL)
                for _ in 0..<250 where daemon.isRunning { usleep(20_000) }
            }
        }
        if ProcessInfo.processInfo.environment["ONCALL_IT_KEEP"] == nil { directory.remove() }
    }

    // MARK: - The API over the Unix socket

    /// A client for the daemon's socket that does not retry (tests decide when to retry).
    var client: OncallClient { OncallClient(socketPath: socketPath, timeout: .seconds(10), retryDelays: []) }

    /// One raw request on the socket, any status.
    func request(_ method: String, _ path: String, body: Data? = nil, headers: [(String, String)] = []) async throws -> CurlResponse {
        let client = self.client
        let headers = headers
        return try await offThread { try client.send(method: method, path: path, body: body, headers: headers) }
    }

    func report(_ form: ReportRequest, idempotencyKey: String = UUID().uuidString) async throws -> IncidentDTO {
        let client = self.client
        return try await offThread { try client.report(form, idempotencyKey: idempotencyKey) }
    }

    func show(_ id: String) async throws -> IncidentDTO {
        let client = self.client
        return try await offThread { try client.show(id) }
    }

    func incidents() async throws -> [IncidentDTO] {
        let client = self.client
        return try await offThread { try client.list(limit: 1000) }
    }

    /// Runs a typed client call off the cooperative pool.
    func call<T: Sendable>(_ body: @escaping @Sendable (OncallClient) throws -> T) async throws -> T {
        let client = self.client
        return try await offThread { try body(client) }
    }

    // MARK: - The API over TCP

    /// One request to the TCP listener, with `Authorization: Bearer <token>` when a token is given.
    func tcp(_ method: String, _ path: String, token: String?, body: Data? = nil) async throws -> CurlResponse {
        var headers = [("Accept", "application/json")]
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        if body != nil { headers.append(("Content-Type", "application/json")) }
        let request = CurlRequest(
            method: method, url: tcpBase + path, headers: headers, body: body,
            timeout: .seconds(10), connectTimeout: .seconds(5))
        return try await performDetached(request)
    }

    // MARK: - oncallctl

    /// Runs `oncallctl <subcommand> --socket <this socket> <arguments…>`.
    func ctl(_ subcommand: String, _ arguments: [String] = []) async throws -> ProcessResult {
        try await oncallctl([subcommand, "--socket", socketPath] + arguments)
    }
}

// MARK: - Reading answers

extension CurlResponse {
    /// The `error` object of a JSON error answer.
    var apiError: APIErrorBody.Detail? {
        (try? JSONDecoder().decode(APIErrorBody.self, from: body))?.error
    }

    /// The body as a JSON object.
    var jsonObject: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try APIDates.decoder.decode(T.self, from: body)
    }
}

/// A valid report form with a unique subject.
func sampleReport(
    _ subject: String = "Ticketing portal returns 502", scope: Scope? = nil, outageStarted: Date? = nil
) -> ReportRequest {
    ReportRequest(
        subject: subject, organisation: "Helpdesk East", reporter: "Li Na", reporterContact: "+86 138 0000 0002",
        description: "Users see HTTP 502 on login.", scope: scope, outageStarted: outageStarted)
}

/// The value of one unlabelled sample (e.g. `oncalld_store_committed_writes 64`) in Prometheus text.
func metricValue(_ name: String, in text: String) -> Double? {
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
        let parts = line.split(separator: " ")
        guard parts.count >= 2 else { continue }
        let series = parts[0]
        if series == name || series.hasPrefix(name + "{") { return Double(parts[1]) }
    }
    return nil
}
