import Foundation
import OncallAPI
import Testing

@testable import oncallctl

@Suite("Incident text")
struct IncidentTextTests {
    static let t0 = Date(timeIntervalSince1970: 1_700_000_000)  // 2023-11-14T22:13:20Z
    let utc = TimeZone(identifier: "UTC")!
    let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    static func incident(_ number: Int64, subject: String, organisation: String = "IT", level: Int = 2) throws -> IncidentDTO {
        let json = """
            {"id": "\(String(format: "INC-%06lld", number))", "number": \(number), "level": \(level), "state": "reported",
             "subject": "\(subject)", "organisation": "\(organisation)", "reporter": "Li Si",
             "reported_at": "2023-11-14T22:13:20.000Z", "reported_by": "oncallctl",
             "description": "line one\\nline two",
             "timeline": [
               {"kind": "reported", "at": "2023-11-14T22:13:20.000Z", "actor": "oncallctl", "details": {"scope": "part", "level": "2"}},
               {"kind": "note", "at": "2023-11-14T22:20:00.000Z", "actor": "wang.wu", "details": {"text": "disk \\"full\\" again"}}
             ]}
            """
        return try APIDates.decoder.decode(IncidentDTO.self, from: Data(json.utf8))
    }

    @Test("the list table: local times, levels as L1, wide subjects aligned and cut")
    func listTable() throws {
        let lines = IncidentText.table(
            [
                try Self.incident(12, subject: "数据库连接超时，全部用户无法登录系统", organisation: "财务处", level: 1),
                try Self.incident(3, subject: "Printer jam"),
            ], timeZone: shanghai, subjectWidth: 20)
        #expect(
            lines == [
                "ID          LVL  STATE     REPORTED          ORGANISATION  SUBJECT",
                "INC-000012  L1   reported  2023-11-15 06:13  财务处        数据库连接超时，全…",
                "INC-000003  L2   reported  2023-11-15 06:13  IT            Printer jam",
            ])
    }

    @Test("show: fields with bilingual labels, multi-line values indented, then the timeline")
    func detail() throws {
        let lines = IncidentText.detail(try Self.incident(7, subject: "Disk full"), timeZone: utc)
        #expect(lines.first == "INC-000007  L2  reported")
        #expect(lines.contains("Subject (问题主题):       Disk full"))
        #expect(lines.contains("Reported at (提出时间):   2023-11-14 22:13:20 +00:00"))
        #expect(lines.contains("Organisation (提出单位):  IT"))
        #expect(lines.contains("Description (问题说明):   line one"))
        #expect(lines.contains(String(repeating: " ", count: 26) + "line two"))
        let timeline = Array(lines.drop { $0 != "Timeline:" }.dropFirst())
        #expect(
            timeline == [
                "TIME                 KIND      ACTOR      DETAILS",
                "2023-11-14 22:13:20  reported  oncallctl  level=2 scope=part",
                "2023-11-14 22:20:00  note      wang.wu    text=\"disk \\\"full\\\" again\"",
            ])
    }

    @Test("one-line confirmations")
    func confirmation() throws {
        #expect(
            IncidentText.confirmation(try Self.incident(123, subject: "x"), "acknowledged")
                == "INC-000123 acknowledged (state: reported, level: L2)")
    }

    @Test("JSON keeps the API's snake_case keys and RFC 3339 times")
    func json() throws {
        let text = try IncidentText.json(try Self.incident(1, subject: "x"))
        #expect(text.contains("\"reported_at\" : \"2023-11-14T22:13:20.000Z\""))
        #expect(text.contains("\"timeline\" : ["))
        #expect(!text.contains("reportedAt"))
        let back = try APIDates.decoder.decode(IncidentDTO.self, from: Data(text.utf8))
        #expect(back == (try Self.incident(1, subject: "x")))
    }

    @Test("show lists the affected customer count the API gives")
    func affectedCustomers() throws {
        var incident = try Self.incident(8, subject: "Checkout down")
        incident.form.affectedCustomers = 42
        let lines = IncidentText.detail(incident, timeZone: utc)
        #expect(lines.contains { $0.hasPrefix("Affected customers (受影响客户数)") && $0.hasSuffix("42") }, "\(lines)")
        let json = try IncidentText.json(incident)
        #expect(json.contains("\"affected_customers\" : 42") || json.contains("\"affected_customers\":42"), "\(json)")
    }
}
