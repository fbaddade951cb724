import Foundation

/// One request the HTTP receiver got, and what it answered.
struct ReceivedRequest: Decodable, Sendable, CustomStringConvertible {
    var seq: Int
    /// When it arrived, in Unix seconds.
    var at: Double
    var method: String
    var path: String
    var query: String
    /// Header names lowercased.
    var headers: [String: String]
    var body: String
    /// The status the receiver answered.
    var status: Int
    /// Whether `X-Oncalld-Signature` verified with the receiver's secret; nil when the request had none.
    var signatureOK: Bool?

    enum CodingKeys: String, CodingKey {
        case seq, at, method, path, query, headers, body, status
        case signatureOK = "signature_ok"
    }

    var idempotencyKey: String? { headers["idempotency-key"] }

    /// The body as a JSON object.
    var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] }

    var description: String { "#\(seq) \(method) \(path) key=\(idempotencyKey ?? "-") → \(status)" }
}

/// A scripted HTTP server on 127.0.0.1 for webhooks and chat robots (`Fixtures/http_receiver.py`): each
/// path answers the statuses of its script in turn (the last one repeating), every request is recorded,
/// and generic-webhook signatures are checked with `secret`. It can be stopped and brought back on the
/// same port (``RestartableHelper``).
final class HTTPReceiver: @unchecked Sendable {
    let helper: RestartableHelper
    let logPath: String
    let controlPath: String

    /// - Parameters:
    ///   - script: per path, the statuses to answer in turn, e.g. `["/hook": [503, 503, 200]]`; other paths get 200.
    ///   - secret: the generic webhook's HMAC key, to verify `X-Oncalld-Signature`.
    init(directory: String, script: [String: [Int]] = [:], secret: String? = nil) async throws {
        logPath = directory + "/http-receiver.jsonl"
        controlPath = directory + "/http-receiver.control.json"
        let scriptText = String(decoding: try JSONSerialization.data(withJSONObject: script, options: [.sortedKeys]), as: UTF8.self)
        var arguments = ["--log", logPath, "--script", scriptText, "--control", controlPath]
        if let secret { arguments += ["--secret", secret] }
        helper = try await RestartableHelper(name: "http-receiver", script: "http_receiver.py", arguments: arguments, directory: directory)
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(helper.port)\(path)" }

    /// From now on, answer `status` to every request on each path given (replacing the script).
    func answer(_ answers: [String: Int]) throws {
        let data = try JSONSerialization.data(withJSONObject: answers, options: [.sortedKeys])
        let temporary = controlPath + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else { throw HarnessError("cannot write \(temporary)") }
        guard rename(temporary, controlPath) == 0 else { throw HarnessError("cannot rename \(temporary) to \(controlPath)") }
    }

    /// Every request so far, in order; only those for `path` when given.
    func requests(_ path: String? = nil) throws -> [ReceivedRequest] {
        let all = try readJSONLines(ReceivedRequest.self, from: logPath)
        return path.map { path in all.filter { $0.path == path } } ?? all
    }

    /// Waits until `until` holds for the requests so far (all paths) and returns them.
    @discardableResult
    func waitForRequests(
        _ what: String, timeout: Duration = .seconds(10), until: @escaping ([ReceivedRequest]) -> Bool
    ) async throws -> [ReceivedRequest] {
        do {
            return try await eventually(what, timeout: timeout, interval: .milliseconds(50)) { () throws -> [ReceivedRequest]? in
                let requests = try self.requests()
                return until(requests) ? requests : nil
            }
        } catch let error as HarnessError {
            throw HarnessError("\(error.description); the receiver has: \((try? requests()) ?? [])\n\(helper.stderr)")
        }
    }
}
