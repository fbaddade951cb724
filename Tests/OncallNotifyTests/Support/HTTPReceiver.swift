import Foundation

/// `Fixtures/http_receiver.py` for one test: a loopback HTTP server that logs requests and answers from a script.
final class HTTPReceiver: @unchecked Sendable {
    /// One logged request.
    struct Request: Decodable {
        var method: String
        var path: String
        var headers: [String: String]
        var body: String
        var body_b64: String

        var bodyData: Data { Data(base64Encoded: body_b64) ?? Data() }

        /// The body as a JSON object.
        func json() throws -> [String: Any] {
            guard let object = try JSONSerialization.jsonObject(with: bodyData) as? [String: Any] else {
                throw FixtureError.failed("body is not a JSON object: \(body)")
            }
            return object
        }
    }

    /// One scripted answer.
    struct Answer: Encodable {
        var status: Int
        var body: String = ""
    }

    let port: Int
    private let process: FixtureProcess
    private let log: URL

    /// Starts a receiver that gives `answers` in order, then 200.
    init(answers: [Answer] = []) throws {
        log = FileManager.default.temporaryDirectory.appending(path: "oncall-notify-\(UUID().uuidString).jsonl")
        let script = String(decoding: try JSONEncoder().encode(answers), as: UTF8.self)
        (process, port) = try FixtureProcess.server("http_receiver.py", arguments: ["--log", log.path, "--script", script])
    }

    /// `http://127.0.0.1:PORT` + `path`.
    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Every request logged so far, in order.
    func requests() throws -> [Request] {
        guard let text = try? String(contentsOf: log, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map { try JSONDecoder().decode(Request.self, from: Data($0.utf8)) }
    }

    func stop() {
        process.stop()
        try? FileManager.default.removeItem(at: log)
    }
}
