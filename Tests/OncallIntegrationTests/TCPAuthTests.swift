import Foundation
import OncallAPI
import Testing

/// Issue test 8: the TCP listener admits only bearer tokens from the config.
extension EndToEnd {
@Suite("TCP listener and bearer tokens")
struct TCPAuthTests {
    @Test("no token or a wrong token → 401 on every endpoint; the right token → 200, and a report records token:ci")
    func bearerTokens() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        try sandbox.writeConfig(sandbox.config())
        _ = try await sandbox.startDaemon()

        for path in ["/healthz", "/metrics", "/v1/incidents"] {
            for token in [nil, "wrong-token", sandbox.token + "x", String(sandbox.token.dropLast())] as [String?] {
                let response = try await sandbox.tcp("GET", path, token: token)
                #expect(response.status == 401, "GET \(path) with token \(token ?? "none"): \(response.status) \(response.text)")
                #expect(response.apiError?.code == "unauthorized", "GET \(path): \(response.text)")
            }
            let allowed = try await sandbox.tcp("GET", path, token: sandbox.token)
            #expect(allowed.status == 200, "GET \(path) with the right token: \(allowed.status) \(allowed.text)")
        }
        let health = try await sandbox.tcp("GET", "/healthz", token: sandbox.token)
        #expect(health.jsonObject?["status"] as? String == "ok", "\(health.text)")
        let metrics = try await sandbox.tcp("GET", "/metrics", token: sandbox.token)
        #expect(metrics.text.contains("oncalld_http_requests_total"), "\(metrics.text)")

        // A report without a token is refused and records nothing.
        let body = try APIDates.encoder.encode(sampleReport("reported over TCP"))
        let refused = try await sandbox.tcp("POST", "/v1/incidents", token: nil, body: body)
        #expect(refused.status == 401, "\(refused.text)")
        #expect(try await sandbox.incidents().isEmpty)

        let created = try await sandbox.tcp("POST", "/v1/incidents", token: sandbox.token, body: body)
        #expect(created.status == 201, "\(created.text)")
        let incident = try created.decode(IncidentDTO.self)
        #expect(incident.reportedBy == "token:ci")
        #expect(incident.timeline?.first?.actor == "token:ci", "timeline: \(incident.timeline ?? [])")
        let listed = try await sandbox.tcp("GET", "/v1/incidents", token: sandbox.token)
        #expect(try listed.decode(IncidentListDTO.self).incidents.map(\.id) == [incident.id])
        // The socket sees the same incident and who reported it.
        #expect(try await sandbox.show(incident.id).reportedBy == "token:ci")
    }
}
}
