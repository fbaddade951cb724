import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where the scripts in `Tests/OncallIntegrationTests/Fixtures/` are. They are not resources of the test
/// target (SwiftPM would copy them into a bundle); the tests run them from the source tree.
enum Fixtures {
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
}

/// A test server written in Python (an SMTP sink, an HTTP receiver): started by a test, on a port of
/// 127.0.0.1 the kernel picks, announced on stdout as `LISTENING <port>`.
///
/// Whoever starts one stops it (``stop()``; ``Sandbox/cleanup()`` does it for helpers started through
/// the sandbox); `deinit` SIGKILLs one still running, and the scripts exit by themselves when the test
/// process goes away, so none outlives the suite.
final class HelperProcess: @unchecked Sendable {
    let name: String
    let process: Process
    let port: Int
    let stdoutPath: String
    let stderrPath: String

    /// Runs `python3 <Fixtures/script> <arguments…>` and waits until it listens.
    init(name: String, script: String, arguments: [String], directory: String, timeout: Duration = .seconds(10)) async throws {
        self.name = name
        let scriptPath = Fixtures.path(script)
        guard FileManager.default.fileExists(atPath: scriptPath) else { throw HarnessError("missing fixture \(scriptPath)") }
        stdoutPath = directory + "/\(name).stdout"
        stderrPath = directory + "/\(name).stderr"
        // env finds python3 on PATH and execs it, so the pid is the interpreter's.
        process = try ChildProcess.launch(
            "/usr/bin/env", ["python3", scriptPath, "--parent", String(getpid())] + arguments, environment: ["PYTHONUNBUFFERED": "1"],
            stdoutPath: stdoutPath, stderrPath: stderrPath)
        let process = process, stdoutPath = stdoutPath, stderrPath = stderrPath
        do {
            port = try await eventually("\(name) (\(script)) to listen", timeout: timeout, interval: .milliseconds(20)) { () throws -> Int? in
                let out = (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? ""
                if let line = out.split(separator: "\n").first(where: { $0.hasPrefix("LISTENING ") }),
                   let port = Int(line.dropFirst("LISTENING ".count).trimmingCharacters(in: .whitespaces))
                {
                    return port
                }
                if !process.isRunning {
                    let err = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
                    var hint = ""
                    if err.contains("No module named 'aiosmtpd'") { hint = "\n(install it: python3 -m pip install aiosmtpd, as .ci/run does)" }
                    throw HarnessError("\(name) (\(script)) exited with status \(process.terminationStatus) before listening:\n\(err)\(hint)")
                }
                return nil
            }
        } catch {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            throw error
        }
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    var isRunning: Bool { process.isRunning }

    /// What the script wrote on stderr (Python tracebacks), for failure messages.
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// SIGTERM, then SIGKILL if it lingers; waits (briefly, synchronously) until it is gone.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        for _ in 0..<100 where process.isRunning { usleep(20_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            for _ in 0..<250 where process.isRunning { usleep(20_000) }
        }
    }
}

/// The complete lines of a JSON-lines file, decoded; a last line still being written is left for the next read.
func readJSONLines<T: Decodable>(_ type: T.Type, from path: String) throws -> [T] {
    guard let data = FileManager.default.contents(atPath: path), !data.isEmpty else { return [] }
    var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    if data.last != UInt8(ascii: "\n") { lines.removeLast() }
    let decoder = JSONDecoder()
    return try lines.filter { !$0.isEmpty }.map { line in
        do {
            return try decoder.decode(T.self, from: Data(line))
        } catch {
            throw HarnessError("cannot decode a line of \(path) as \(T.self): \(error)\n\(String(decoding: line, as: UTF8.self))")
        }
    }
}
