import Foundation
import OncallAPI
import OncallCurl

/// One entry of the config's `integrations` list, with its secret written to a file in the sandbox.
struct InboundEndpoint: Sendable {
    var name: String
    /// `mailgun`, `rfc822`, `alertmanager`, `json`, …
    var kind: String
    /// The secret: Mailgun's signing key, or the bearer token of rfc822/alertmanager/json.
    var secret: String

    /// The config key that names the secret's file for this kind.
    var secretKey: String { kind == "mailgun" ? "signing_key_file" : "token_file" }

    static func mailgun(_ name: String = "main") -> InboundEndpoint {
        InboundEndpoint(name: name, kind: "mailgun", secret: "key-" + UUID().uuidString.lowercased())
    }

    static func rfc822(_ name: String = "mta") -> InboundEndpoint {
        InboundEndpoint(name: name, kind: "rfc822", secret: "mta-" + UUID().uuidString.lowercased())
    }

    static func alertmanager(_ name: String = "prometheus") -> InboundEndpoint {
        InboundEndpoint(name: name, kind: "alertmanager", secret: "am-" + UUID().uuidString.lowercased())
    }
}

extension Sandbox {
    /// Writes `secret` (and a newline) to `<sandbox>/<name>` and returns the path.
    @discardableResult
    func writeSecret(_ name: String, _ secret: String) throws -> String {
        let path = self.path + "/" + name
        try write(secret + "\n", to: path)
        return path
    }

    /// The `integrations:` and `intake:` sections for `endpoints`, writing each secret to a file.
    /// Append the text to a complete configuration (``config(…)`` or ``NotifySandbox/config(…)``).
    func inboundSections(
        _ endpoints: [InboundEndpoint], organisationByDomain: [String: String] = ["wh.example.com": "仓储中心"],
        defaultOrganisation: String = "未知单位", serviceByTag: [String: String] = ["wms": "WMS"], defaultScope: String? = nil
    ) throws -> String {
        var lines = ["integrations:"]
        for endpoint in endpoints {
            let file = try writeSecret("\(endpoint.kind)-\(endpoint.name).secret", endpoint.secret)
            lines.append("  - {name: \(endpoint.name), kind: \(endpoint.kind), \(endpoint.secretKey): \(file)}")
        }
        if endpoints.isEmpty { lines[0] = "integrations: []" }
        func flow(_ map: [String: String]) -> String {
            "{" + map.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        }
        lines += [
            "intake:",
            "  organisation_by_domain: \(flow(organisationByDomain))",
            "  default_organisation: \(defaultOrganisation)",
            "  service_by_tag: \(flow(serviceByTag))",
        ]
        if let defaultScope { lines.append("  default_scope: \(defaultScope)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `POST /v1/inbound/{kind}/{name}` on the TCP listener with exactly these headers (no API token).
    func inbound(_ endpoint: InboundEndpoint, body: Data, headers: [(String, String)], query: String = "") async throws -> CurlResponse {
        let request = CurlRequest(
            method: "POST", url: tcpBase + "/v1/inbound/\(endpoint.kind)/\(endpoint.name)" + query,
            headers: [("Accept", "application/json")] + headers, body: body, timeout: .seconds(10), connectTimeout: .seconds(5))
        return try await performDetached(request)
    }

    /// A raw message to an rfc822 endpoint, as an MTA pipe posts it (`curl -H 'Authorization: Bearer …'
    /// -H 'Content-Type: message/rfc822' --data-binary @-`).
    func postRFC822(_ endpoint: InboundEndpoint, _ message: String, recipient: String? = nil, token: String? = nil) async throws -> CurlResponse {
        let query = recipient.map { "?recipient=" + ($0.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? $0) } ?? ""
        return try await inbound(
            endpoint, body: Data(message.utf8),
            headers: [("Authorization", "Bearer \(token ?? endpoint.secret)"), ("Content-Type", "message/rfc822")], query: query)
    }

    /// Incidents over the socket, waiting (with a deadline) until `until` holds.
    func waitForIncidents(_ what: String, timeout: Duration = .seconds(10), until: @escaping ([IncidentDTO]) -> Bool) async throws -> [IncidentDTO] {
        do {
            return try await eventually(what, timeout: timeout) { () async throws -> [IncidentDTO]? in
                let incidents = try await self.incidents()
                return until(incidents) ? incidents : nil
            }
        } catch let error as HarnessError {
            throw HarnessError("\(error.description)\nincidents: \((try? await incidents().map { "\($0.id) \($0.state) «\($0.subject)»" }) ?? [])\n\(logs)")
        }
    }
}

// MARK: - Building provider requests

/// Mailgun's route `forward()` post as `multipart/form-data` (what Mailgun sends when it posts a
/// parsed message), signed the way Mailgun signs: `signature` = hex HMAC-SHA256(signing key,
/// `timestamp` + `token`).
struct MailgunPost {
    var fields: [(String, String)]
    var boundary = "mailgun-" + UUID().uuidString.lowercased()

    /// `fields` plus a fresh `timestamp`/`token` and their signature with `signingKey`
    /// (or `signature` itself, to forge one).
    static func signed(
        _ fields: [(String, String)], signingKey: String, timestamp: Date = Date(), token: String? = nil, signature: String? = nil
    ) async throws -> MailgunPost {
        let stamp = String(Int(timestamp.timeIntervalSince1970))
        // Mailgun's tokens are 50 random hex digits.
        let token = token ?? String((UUID().uuidString + UUID().uuidString).replacingOccurrences(of: "-", with: "").lowercased().prefix(50))
        var mac = signature
        if mac == nil { mac = try await hmacSHA256Hex(key: signingKey, message: stamp + token) }
        return MailgunPost(fields: fields + [("timestamp", stamp), ("token", token), ("signature", mac ?? "")])
    }

    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    var body: Data {
        var text = ""
        for (name, value) in fields {
            text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        text += "--\(boundary)--\r\n"
        return Data(text.utf8)
    }
}

/// Hex HMAC-SHA256, computed by Python's `hmac` (the test target links no crypto library).
func hmacSHA256Hex(key: String, message: String) async throws -> String {
    let script = "import hashlib, hmac, sys; print(hmac.new(sys.argv[1].encode(), sys.argv[2].encode(), hashlib.sha256).hexdigest())"
    let result = try await ChildProcess.run("/usr/bin/env", ["python3", "-c", script, key, message])
    let hex = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    guard result.status == 0, hex.count == 64 else { throw HarnessError("python3 could not compute an HMAC: \(result)") }
    return hex
}

/// An RFC 5322 message with CRLF line ends: `headers` in order, a blank line, then `body`.
func rfc822(_ headers: [(String, String)], body: String) -> String {
    (headers.map { "\($0.0): \($0.1)" } + ["", body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")])
        .joined(separator: "\r\n")
}

/// `Subject: =?UTF-8?B?…?=`: an RFC 2047 encoded word, as mail clients send non-ASCII subjects.
func encodedWord(_ text: String) -> String {
    "=?UTF-8?B?\(Data(text.utf8).base64EncodedString())?="
}

extension CurlResponse {
    /// The ingest's JSON answer fields (`outcome`, `incident`, `detail`, …) as strings.
    var fields: [String: String] {
        (jsonObject ?? [:]).compactMapValues { $0 as? String }
    }
}
