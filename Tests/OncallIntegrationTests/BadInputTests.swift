import Foundation
import OncallAPI
import Testing

/// Issue test 7: bad report bodies through the socket, each refused with its status and code,
/// and none of them creating an incident.
extension EndToEnd {
@Suite("Bad input on POST /v1/incidents")
struct BadInputTests {
    struct Case: CustomStringConvertible {
        var description: String
        var body: Data
        var status: Int
        var code: String?
        var field: String?
    }

    static func json(_ text: String) -> Data { Data(text.utf8) }

    static var cases: [Case] {
        let valid = #""subject":"s","organisation":"o","reporter":"r""#
        let padding = String(repeating: "x", count: 2048)
        let future = APIDates.format(Date().addingTimeInterval(24 * 3600))
        // 0xC3 0x28: a two-byte lead byte followed by '(' — not UTF-8.
        var badUTF8 = json(#"{"subject":"caf"#)
        badUTF8.append(contentsOf: [0xC3, 0x28])
        badUTF8.append(json(#"","organisation":"o","reporter":"r"}"#))
        return [
            Case(description: "a 2 KiB body over max_body 1KiB", body: json(#"{\#(valid),"description":"\#(padding)"}"#),
                 status: 413, code: "body_too_large"),
            Case(description: "malformed JSON", body: json(#"{"subject":"s","organisation":"#), status: 400, code: "invalid_json"),
            Case(description: "invalid UTF-8 inside a string", body: badUTF8, status: 400, code: "invalid_utf8"),
            Case(description: "an unknown field", body: json(#"{\#(valid),"severity":"high"}"#),
                 status: 400, code: "unknown_field", field: "severity"),
            Case(description: "a missing required field", body: json(#"{"subject":"s","organisation":"o"}"#),
                 status: 422, code: "missing_field", field: "reporter"),
            Case(description: "a wrong type (scope: 5)", body: json(#"{\#(valid),"scope":5}"#), status: 422, code: "invalid_field", field: "scope"),
            Case(description: "a bad scope value", body: json(#"{\#(valid),"scope":"everything"}"#),
                 status: 422, code: "invalid_field", field: "scope"),
            Case(description: "a non-object body ([])", body: json("[]"), status: 400, code: "invalid_json"),
            Case(description: "outage_started in the future", body: json(#"{\#(valid),"outage_started":"\#(future)"}"#),
                 status: 422, code: "invalid_field", field: "outage_started"),
        ]
    }

    @Test("each bad body gets its status and error code, and the incident count does not change")
    func badBodiesAreRefused() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        try sandbox.writeConfig(sandbox.config(maxBody: "1KiB"))
        _ = try await sandbox.startDaemon()
        _ = try await sandbox.report(sampleReport("the one good report"))
        let before = try await sandbox.incidents().count
        #expect(before == 1)

        for test in Self.cases {
            let response = try await sandbox.request("POST", "/v1/incidents", body: test.body)
            #expect(response.status == test.status, "\(test): status \(response.status), body \(response.text)")
            let error = response.apiError
            #expect(error != nil, "\(test): not a JSON error body: \(response.text)")
            if let code = test.code { #expect(error?.code == code, "\(test): \(response.text)") }
            if let field = test.field {
                #expect(error?.field == field, "\(test): \(response.text)")
                #expect(error?.message.contains(field) == true, "\(test): the message should name '\(field)': \(response.text)")
            }
        }

        let after = try await sandbox.incidents()
        #expect(after.count == before, "bad bodies created incidents: \(after.map(\.subject))")
        // A good report still works afterwards, and takes the next number.
        #expect(try await sandbox.report(sampleReport("good again")).id == "INC-000002")
    }
}
}
