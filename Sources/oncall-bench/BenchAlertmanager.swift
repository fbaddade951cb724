import Foundation
import OncallTesting
#if canImport(Glibc)
import Glibc
#endif

/// Debian's Prometheus Alertmanager on loopback, the yardstick: alerts posted to its v2 API are
/// held in memory and routed to a receiver that sends nothing. Clustering is off.
final class BenchAlertmanager: @unchecked Sendable {
    static let binary = "/usr/bin/prometheus-alertmanager"
    let port: Int
    private let process: Process

    var pid: Int32 { process.processIdentifier }
    static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    init(directory: String) async throws {
        try FileManager.default.createDirectory(atPath: directory + "/data", withIntermediateDirectories: true)
        try "route:\n  receiver: nobody\nreceivers:\n  - name: nobody\n".write(
            toFile: directory + "/alertmanager.yml", atomically: true, encoding: .utf8)
        port = try freeLocalPort()
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = [
            "--config.file=\(directory)/alertmanager.yml", "--storage.path=\(directory)/data",
            "--web.listen-address=127.0.0.1:\(port)", "--cluster.listen-address=", "--log.level=warn",
        ]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        _ = FileManager.default.createFile(atPath: directory + "/alertmanager.log", contents: nil)
        process.standardError = FileHandle(forWritingAtPath: directory + "/alertmanager.log")
        try process.run()
        // Ready when its readiness endpoint answers.
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            guard process.isRunning else { throw BenchError("alertmanager exited; see \(directory)/alertmanager.log") }
            if (try? await LoadClient(target: .tcp(host: "127.0.0.1", port: port), connections: 1)
                .run(total: 1, method: .GET, request: { _ in .init(path: "/-/ready", body: []) }))?.failures.isEmpty == true
            {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BenchError("alertmanager was not ready within 30 s")
    }

    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }

    var memory: (resident: Double, peak: Double) { ProcessMemory.of(pid) }
}
