import OncallCore
import Testing

@Suite("Incident numbers")
struct IncidentNumberTests {
    @Test("formats with six digits at least")
    func format() {
        #expect(IncidentNumber(123).description == "INC-000123")
        #expect(IncidentNumber(1_234_567).description == "INC-1234567")
    }

    @Test("parses the forms people type", arguments: [("INC-000123", 123), ("inc-42", 42), ("7", 7)])
    func parses(text: String, value: Int64) {
        #expect(IncidentNumber(text)?.value == value)
    }

    @Test("refuses what is not a number", arguments: ["", "INC-", "INC-0", "abc", "-1", "INC-１２"])
    func refuses(text: String) {
        #expect(IncidentNumber(text) == nil)
    }
}
