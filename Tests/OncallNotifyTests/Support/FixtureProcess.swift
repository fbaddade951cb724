import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A Python helper (a script from `Fixtures/`, or `python3 -m …`) run for one test.
final class FixtureProcess: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()

    static let fixtures = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "Fixtures")

    /// Whether `python3` can import `module`.
    static func pythonHas(_ module: String) -> Bool {
        let probe = Process()
        probe.executableURL = URL(filePath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import \(module)"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }

    /// Starts `python3 <arguments>`; stderr goes to the test's stderr.
    init(python arguments: [String]) throws {
        process.executableURL = URL(filePath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.standardInput = input
        process.standardOutput = output
        try process.run()
    }

    /// Starts the fixture `script` and waits for its `LISTENING <port>` line.
    static func server(_ script: String, arguments: [String] = []) throws -> (FixtureProcess, port: Int) {
        let server = try FixtureProcess(python: [fixtures.appending(path: script).path] + arguments)
        guard let line = server.nextLine(), line.hasPrefix("LISTENING "), let port = Int(line.dropFirst("LISTENING ".count)) else {
            server.stop()
            throw FixtureError.didNotStart(script)
        }
        return (server, port)
    }

    /// The next line the process prints, nil at its end.
    func nextLine() -> String? {
        var bytes = Data()
        while let byte = try? output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty {
            if byte.first == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }

    /// Stops the process: closes its standard input (our fixtures exit on that), then SIGTERM, then SIGKILL.
    ///
    /// Stdin EOF alone is not enough: processes started at the same time can inherit each other's pipe
    /// ends, and children of the test runner may have SIGTERM blocked; SIGKILL always works.
    func stop() {
        try? input.fileHandleForWriting.close()
        guard !waitForExit(seconds: 0.3) else { return }
        process.terminate()
        guard !waitForExit(seconds: 1) else { return }
        kill(process.processIdentifier, SIGKILL)
        _ = waitForExit(seconds: 5)
    }

    /// Waits up to `seconds` for the process to end; whether it has.
    private func waitForExit(seconds: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        return !process.isRunning
    }

    /// Runs `python3 <arguments>` to the end (at most `timeout` seconds) and returns what it printed.
    /// Its output goes through a file, not a pipe, so a pipe end leaked to another child cannot hold up EOF.
    static func output(python arguments: [String], timeout: TimeInterval = 30) throws -> Data {
        let file = FileManager.default.temporaryDirectory.appending(path: "oncall-notify-out-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: file.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: file) }
        let handle = try FileHandle(forWritingTo: file)
        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = handle
        try process.run()
        try? handle.close()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            throw FixtureError.failed("timed out: python3 \(arguments.joined(separator: " "))")
        }
        guard process.terminationStatus == 0 else { throw FixtureError.failed("python3 \(arguments.joined(separator: " "))") }
        return try Data(contentsOf: file)
    }
}
