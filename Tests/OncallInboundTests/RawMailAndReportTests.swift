import Foundation
import OncallCore
import OncallMail
import Testing
@testable import OncallInbound

@Suite("rfc822 and generic JSON endpoints")
struct RawMailAndReportTests {
    static let mta = InboundIntegration(name: "mta", kind: .rfc822, bearerToken: "pipe-token")
    static let json = InboundIntegration(name: "form", kind: .json, bearerToken: "json-token")

    static let message = Data("""
        Return-Path: <>\r
        From: MAILER-DAEMON@mx.example.com\r
        To: faults+wms@example.com\r
        Subject: =?UTF-8?Q?=E6=B5=8B=E8=AF=95?=\r
        Message-ID: <pipe-1@mx.example.com>\r
        Auto-Submitted: auto-replied\r
        \r
        body\r

        """.utf8)

    static func mtaRequest(_ body: Data, type: String? = "message/rfc822", token: String? = "pipe-token", query: [String: String] = [:]) -> InboundHTTPRequest {
        var headers: [(String, String)] = []
        if let type { headers.append(("Content-Type", type)) }
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        return InboundHTTPRequest(headers: headers, query: query, body: body)
    }

    @Test("an MTA pipe post is parsed as the message, with the envelope recipient from the query")
    func rfc822() throws {
        let request = Self.mtaRequest(Self.message, query: ["recipient": "faults+wms@example.com"])
        let (parsed, envelopeTo, eventID) = try #require(mail(try decode(request, Self.mta)))
        #expect(parsed.subject == "测试")
        #expect(parsed.returnPath == "")
        #expect(parsed.header("Auto-Submitted") == "auto-replied")
        #expect(envelopeTo == ["faults+wms@example.com"])
        #expect(eventID == nil)
    }

    @Test("curl's default content type is accepted; a form is not")
    func rfc822ContentTypes() throws {
        #expect(refusal(Self.mtaRequest(Self.message, type: nil), Self.mta) == nil)
        #expect(refusal(Self.mtaRequest(Self.message, type: "application/octet-stream"), Self.mta) == nil)
        #expect(refusal(Self.mtaRequest(Self.message, type: "application/x-www-form-urlencoded"), Self.mta)?.status == 415)
    }

    @Test("rfc822 needs its bearer token")
    func rfc822Auth() throws {
        #expect(refusal(Self.mtaRequest(Self.message, token: nil), Self.mta)?.status == 401)
        #expect(refusal(Self.mtaRequest(Self.message, token: "json-token"), Self.mta)?.status == 401)
        #expect(refusal(Self.mtaRequest(Self.message, token: "pipe-token"), InboundIntegration(name: "mta", kind: .rfc822))?.status == 401)
    }

    @Test("a body that is not a message is quarantined with its bytes")
    func rfc822Unparseable() throws {
        let garbage = Data([0x00, 0x01, 0x02, 0x0D, 0x0A])
        let error = try #require(refusal(Self.mtaRequest(garbage), Self.mta))
        if error.status == 422 {
            #expect(error.raw == garbage)
        } else {
            Issue.record("expected 422, got \(error)")
        }
    }

    @Test("an over-limit message is refused with 413 after authentication")
    func rfc822TooLarge() throws {
        var small = Self.mta
        small.limits = MIMELimits(maxMessageBytes: 16)
        #expect(refusal(Self.mtaRequest(Self.message), small)?.status == 413)
        #expect(refusal(Self.mtaRequest(Self.message, token: "wrong"), small)?.status == 401)
    }

    static func jsonRequest(_ body: String, token: String = "json-token") -> InboundHTTPRequest {
        InboundHTTPRequest(headers: [("Content-Type", "application/json"), ("Authorization", "Bearer \(token)")], body: Data(body.utf8))
    }

    @Test("the JSON report form gives the form's fields, fractional-second times included")
    func reportFields() throws {
        let payload = try decode(Self.jsonRequest(#"""
            {"subject":"订单系统无法登录","organisation":"仓储中心","reporter":"值班员","scope":"most",
             "outage_started":"2025-11-20T01:00:00.250Z","idempotency_key":"k-1"}
            """#), Self.json)
        guard case let .report(form, key) = payload else {
            Issue.record("expected a report, got \(payload)")
            return
        }
        #expect(form == ReportForm(
            subject: "订单系统无法登录", organisation: "仓储中心", reporter: "值班员", scope: .most,
            outageStarted: Date(timeIntervalSince1970: 1_763_600_400.25)))
        #expect(key == "k-1")
    }

    @Test("a field the form does not have is refused by name, an unreadable time with 422")
    func reportFieldErrors() throws {
        let unknown = refusal(Self.jsonRequest(#"{"subject":"x","organisation":"o","reporter":"r","colour":"red"}"#), Self.json)
        #expect(unknown?.status == 400)
        #expect(unknown?.message == "unknown field 'colour'")
        let time = refusal(Self.jsonRequest(#"{"subject":"x","organisation":"o","reporter":"r","outage_started":"yesterday"}"#), Self.json)
        #expect(time?.status == 422)
        #expect(time?.message == "outage_started: 'yesterday' is not an RFC 3339 time")
    }

    @Test("non-string values, non-objects and invalid UTF-8 are refused with 400", arguments: [
        #"{"subject": 3}"#, #"{"subject": null}"#, #"{"subject": ["a"]}"#, #"["subject"]"#, #""text""#, "{",
    ])
    func reportMalformed(_ body: String) throws {
        #expect(refusal(Self.jsonRequest(body), Self.json)?.status == 400)
    }

    @Test("invalid UTF-8 in the JSON is refused with 400")
    func reportInvalidUTF8() throws {
        var request = Self.jsonRequest("")
        request.body = Data([0x7B, 0x22, 0x73, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D])
        #expect(refusal(request, Self.json)?.status == 400)
    }

    @Test("the JSON endpoint needs its bearer token")
    func reportAuth() throws {
        #expect(refusal(Self.jsonRequest(#"{"subject":"x"}"#, token: "pipe-token"), Self.json)?.status == 401)
    }

    @Test("JSON report times may carry fractional seconds and offsets", arguments: [
        ("2026-01-01T00:00:00.250Z", 0.25), ("2026-01-01T08:00:00+08:00", 0.0), ("2026-01-01T08:00:00.5+08:00", 0.5),
        ("2026-01-01T00:00:00Z", 0.0),
    ])
    func reportFractionalTimes(_ text: String, _ seconds: Double) throws {
        let payload = try decode(Self.jsonRequest(#"{"subject":"s","organisation":"o","reporter":"r","outage_started":"\#(text)","outage_ended":"\#(text)"}"#), Self.json)
        guard case let .report(form, _) = payload else {
            Issue.record("expected a report, got \(payload)")
            return
        }
        let t0 = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
        #expect(form.outageStarted == t0.addingTimeInterval(seconds))
        #expect(form.outageEnded == t0.addingTimeInterval(seconds))
    }

    @Test("a JSON report time that is not RFC 3339 is refused with 422 naming the field", arguments: [
        "2026-01-01", "2026-01-01T00:00:00", "yesterday", "2026-02-30T00:00:00Z",
    ])
    func reportBadTime(_ text: String) throws {
        let body = #"{"subject":"s","organisation":"o","reporter":"r","outage_started":"\#(text)"}"#
        let error = refusal(Self.jsonRequest(body), Self.json)
        #expect(error?.status == 422)
        #expect(error?.message.hasPrefix("outage_started:") == true)
    }

    @Test("an unknown JSON report field is refused with 400")
    func reportUnknownField() throws {
        let error = refusal(Self.jsonRequest(#"{"subject":"s","organisation":"o","reporter":"r","severity":"high"}"#), Self.json)
        #expect(error?.status == 400)
        #expect(error?.code == "unknown_field")
    }
}
