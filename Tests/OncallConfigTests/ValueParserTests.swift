import Testing
@testable import OncallConfig

@Suite("Sizes, socket modes, date ranges and key suggestions")
struct ValueParserTests {
    @Test("sizes", arguments: [
        ("1", 1), ("1048576", 1_048_576), ("100B", 100), ("512KiB", 524_288), ("1MiB", 1_048_576),
        ("25MiB", 26_214_400), ("1GiB", 1_073_741_824),
    ] as [(String, Int)])
    func goodSize(text: String, bytes: Int) throws {
        #expect(try ByteSizeParser.parse(text) == bytes)
    }

    @Test("bad sizes", arguments: ["", "0", "0KiB", "-1", "1MB", "1 MiB", "1.5MiB", "MiB", "1mib", "1KB", "99999999999999999999", "9999999999999GiB"])
    func badSize(text: String) {
        #expect(throws: ValueProblem.self) { try ByteSizeParser.parse(text) }
    }

    @Test("socket modes", arguments: [("0660", 0o660), ("660", 0o660), ("0600", 0o600), ("0777", 0o777), ("000", 0)] as [(String, Int)])
    func goodMode(text: String, mode: Int) throws {
        #expect(try SocketModeParser.parse(text) == mode)
    }

    @Test("bad socket modes", arguments: ["", "66", "0980", "12345", "1777", "4755", "0o660", "rw-rw----", "-660"])
    func badMode(text: String) {
        #expect(throws: ValueProblem.self) { try SocketModeParser.parse(text) }
    }

    @Test("dates and inclusive ranges")
    func dates() throws {
        #expect(try DateRangeParser.parse("2026-10-01").map(\.description) == ["2026-10-01"])
        #expect(try DateRangeParser.parse("2026-12-30..2027-01-02").map(\.description)
            == ["2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02"])
        #expect(try DateRangeParser.parse("2026-10-01..2026-10-01").count == 1)
        #expect(try DateRangeParser.parse("2028-01-01..2028-12-31").count == 366)
    }

    @Test("bad dates and ranges", arguments: [
        "2026-02-29", "2026-13-01", "2026-1-1", "26-10-01", "2026/10/01", "2026-10-07..2026-10-01",
        "2026-01-01..2027-01-02", "2026-10-01..", "..2026-10-01", "2026-10-01...2026-10-02", "2026-10-01..2026-10-02..2026-10-03",
    ])
    func badDates(text: String) {
        #expect(throws: ValueProblem.self) { try DateRangeParser.parse(text) }
    }

    @Test("suggestions are close names only")
    func suggestions() {
        #expect(KeySuggester.closest(to: "escalaton", among: ["escalation", "levels"]) == "escalation")
        #expect(KeySuggester.closest(to: "emergency_aftr", among: ["emergency_after", "emergency_after_by_level"]) == "emergency_after")
        #expect(KeySuggester.closest(to: "State_Dir", among: ["state_dir"]) == "state_dir")
        #expect(KeySuggester.closest(to: "foo", among: ["state_dir", "socket", "http"]) == nil)
        #expect(KeySuggester.closest(to: "warn", among: ["notice", "warning", "error"]) == "warning")
        #expect(KeySuggester.editDistance("kitten", "sitting") == 3)
    }

    @Test("durations format back to the form the parser reads", arguments: [
        (0, "0s"), (30, "30s"), (600, "10m"), (3600, "1h"), (5400, "1h30m"), (3605, "1h5s"),
    ] as [(Int64, String)])
    func durationFormat(seconds: Int64, text: String) {
        #expect(DurationParser.format(.seconds(seconds)) == text)
        #expect(DurationParser.parse(text) == .seconds(seconds))
    }
}
