import Foundation
import OncallAPI
import OncallCore
import Testing

@Suite("Strict request decoding")
struct StrictJSONTests {
    func decode(_ text: String) throws(APIRequestError) -> ReportRequest {
        try StrictJSON.decode(ReportRequest.self, from: Data(text.utf8))
    }

    func refusal(_ body: Data) -> APIRequestError? {
        do {
            _ = try StrictJSON.decode(ReportRequest.self, from: body)
            return nil
        } catch {
            return error
        }
    }

    @Test("a full report decodes, times with any offset")
    func fullReport() throws {
        let report = try decode("""
            {"subject":"订单系统无法登录","organisation":"仓储中心","reporter":"值班员","scope":"most",
             "outage_started":"2026-11-25T08:05:00+08:00","outage_ended":"2026-11-25T00:30:00.500Z","required_by":"今天"}
            """)
        #expect(report.subject == "订单系统无法登录")
        #expect(report.scope == .most)
        #expect(report.outageStarted == Date(timeIntervalSince1970: 1_795_565_100))
        #expect(report.outageEnded == Date(timeIntervalSince1970: 1_795_566_600.5))
        #expect(report.requiredBy == "今天")
    }

    @Test("each bad body is refused with its code and field", arguments: [
        (#"{"subject":"a","organisation":"b","reporter":"c","colour":"red"}"#, 400, "unknown_field", "colour"),
        (#"{"subject":"a","organisation":"b"}"#, 422, "missing_field", "reporter"),
        (#"{"subject":5,"organisation":"b","reporter":"c"}"#, 422, "invalid_field", "subject"),
        (#"{"subject":"a","organisation":"b","reporter":"c","scope":"everything"}"#, 422, "invalid_field", "scope"),
        (#"{"subject":"a","organisation":"b","reporter":"c","outage_started":"yesterday"}"#, 422, "invalid_field", "outage_started"),
        (#"{"subject":null,"organisation":"b","reporter":"c"}"#, 422, "missing_field", "subject"),
        (#"{"subject":"a","#, 400, "invalid_json", nil),
        (#"["subject"]"#, 400, "invalid_json", nil),
    ] as [(String, Int, String, String?)])
    func refusals(body: String, status: Int, code: String, field: String?) {
        let error = refusal(Data(body.utf8))
        #expect(error?.status == status)
        #expect(error?.body.error.code == code)
        #expect(error?.body.error.field == field)
    }

    @Test("invalid UTF-8 is refused before parsing")
    func invalidUTF8() {
        var body = Data(#"{"subject":""#.utf8)
        body.append(contentsOf: [0xC3, 0x28])
        body.append(Data(#"","organisation":"b","reporter":"c"}"#.utf8))
        #expect(refusal(body)?.body.error.code == "invalid_utf8")
    }

    @Test("command bodies take only their own field; ack and close take none")
    func commandBodies() throws {
        #expect(try StrictJSON.decode(EscalateRequest.self, from: Data(#"{"reason":"db"}"#.utf8)).reason == "db")
        _ = try StrictJSON.decode(EmptyRequest.self, from: Data())
        #expect(throws: APIRequestError.self) { try StrictJSON.decode(EmptyRequest.self, from: Data(#"{"x":1}"#.utf8)) }
        #expect(throws: APIRequestError.self) { try StrictJSON.decode(NoteRequest.self, from: Data(#"{}"#.utf8)) }
    }

    @Test("the incident JSON names every form field, null when empty")
    func incidentJSON() throws {
        let incident = Incident(
            id: IncidentNumber(12), form: ReportForm(subject: "s", organisation: "o", reporter: "r"), level: .level2,
            state: .reported, reportedAt: Date(timeIntervalSince1970: 0), reportedBy: "unix:alice")
        let object = try JSONSerialization.jsonObject(with: APIDates.encoder.encode(IncidentDTO(incident))) as? [String: Any]
        let keys = Set(object?.keys.map { $0 } ?? [])
        #expect(keys.isSuperset(of: ["id", "level", "state", "subject", "organisation", "reporter", "description", "situation",
                                     "required_by", "other", "scope", "outage_started", "reported_at"]))
        #expect(object?["id"] as? String == "INC-000012")
        #expect(object?["reported_at"] as? String == "1970-01-01T00:00:00.000Z")
    }

    @Test("affected_customers is a count: a number decodes, a negative one or text is refused naming the field")
    func affectedCustomers() throws {
        #expect(try decode(#"{"subject":"s","organisation":"o","reporter":"r","affected_customers":120}"#).affectedCustomers == 120)
        for body in [#"{"subject":"s","organisation":"o","reporter":"r","affected_customers":-1}"#,
                     #"{"subject":"s","organisation":"o","reporter":"r","affected_customers":"many"}"#] {
            let error = #expect(throws: APIRequestError.self) { try decode(body) }
            #expect(error?.status == 422)
            #expect(error?.body.error.field == "affected_customers", "\(String(describing: error))")
        }
    }
}
