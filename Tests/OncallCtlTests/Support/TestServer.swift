import Foundation

/// A Python test server from `Fixtures/`, run for one test; it exits when its standard input closes.
final class TestServer: @unchecked Sendable {
    let port: Int?
    let socketPath: String?
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()

    static let fixtures = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "Fixtures")

    /// Whether `python3` is on the PATH.
    static let pythonAvailable: Bool = run(["python3", "-c", "pass"]) == 0
    /// Whether Python still has `smtpd` (removed in 3.12).
    static let smtpdAvailable: Bool = pythonAvailable && run(["python3", "-W", "ignore", "-c", "import smtpd"]) == 0

    /// Starts `script` and waits for its `LISTENING …` line.
    init(script: String = "fake_oncalld.py", unixSocket: String? = nil, arguments: [String] = []) throws {
        process.executableURL = URL(filePath: "/usr/bin/env")
        process.arguments = ["python3", Self.fixtures.appending(path: script).path]
            + (unixSocket.map { ["--unix", $0] } ?? []) + arguments
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        guard let line = Self.readLine(output.fileHandleForReading), line.hasPrefix("LISTENING ") else {
            throw TestServerError.didNotStart(script)
        }
        let word = String(line.dropFirst("LISTENING ".count))
        port = Int(word)
        socketPath = unixSocket
    }

    /// `http://127.0.0.1:PORT` for a TCP server.
    var baseURL: String { "http://127.0.0.1:\(port ?? 0)" }

    /// The next line the server prints (the SMTP sink prints one per message).
    func nextLine() -> String? { Self.readLine(output.fileHandleForReading) }

    /// Closes the server's standard input and waits for it to exit.
    func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    /// A fresh, short Unix socket path (sun_path holds 108 bytes).
    static func temporarySocketPath() -> String {
        "/tmp/octl-\(UUID().uuidString.prefix(8).lowercased()).sock"
    }

    private static func readLine(_ handle: FileHandle) -> String? {
        var bytes = Data()
        while let byte = try? handle.read(upToCount: 1), !byte.isEmpty {
            if byte.first == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }

    private static func run(_ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}

enum TestServerError: Error {
    case didNotStart(String)
}
