import Foundation
import OncallAPI
import Testing

/// Issue test 12: a repeated Idempotency-Key returns the first incident.
extension EndToEnd {
@Suite("Idempotency-Key")
struct IdempotencyTests {
    @Test("the same Idempotency-Key twice → one incident; the second answer is 200 with the same id")
    func repeatedKey() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        try sandbox.writeConfig(sandbox.config())
        _ = try await sandbox.startDaemon()

        let body = try APIDates.encoder.encode(sampleReport("sent twice"))
        let key = [("Idempotency-Key", "it-" + UUID().uuidString)]
        let first = try await sandbox.request("POST", "/v1/incidents", body: body, headers: key)
        #expect(first.status == 201, "\(first.text)")
        let second = try await sandbox.request("POST", "/v1/incidents", body: body, headers: key)
        #expect(second.status == 200, "\(second.text)")
        let a = try first.decode(IncidentDTO.self), b = try second.decode(IncidentDTO.self)
        #expect(a.id == "INC-000001")
        #expect(b.id == a.id)
        #expect(b.reportedAt == a.reportedAt)
        #expect(b.timeline?.map(\.kind) == ["reported"], "a repeat adds nothing to the timeline: \(b.timeline ?? [])")
        #expect(try await sandbox.incidents().count == 1)

        // Another key is another incident.
        let other = try await sandbox.request("POST", "/v1/incidents", body: body, headers: [("Idempotency-Key", "it-" + UUID().uuidString)])
        #expect(other.status == 201, "\(other.text)")
        #expect(try other.decode(IncidentDTO.self).id == "INC-000002")
        #expect(try await sandbox.incidents().count == 2)
    }
}
}
