import OncallConfig
import Testing

@Suite("DurationParser")
struct DurationParserTests {
    @Test("good durations", arguments: [
        ("30s", 30), ("10m", 600), ("2h", 7200), ("1h30m", 5400), ("0s", 0), ("0", 0),
        ("90m", 5400), ("1h0m5s", 3605), ("2h15s", 7215), ("0h", 0),
    ] as [(String, Int64)])
    func good(text: String, seconds: Int64) {
        #expect(DurationParser.parse(text) == .seconds(seconds))
    }

    @Test("bad durations", arguments: [
        "", "-5m", "+5m", "10", "10 minutes", "10 m", " 10m", "10m ", "1.5h", "10d", "10ms", "10M",
        "m", "h30", "1m1h", "1h1h", "30s10m", "1h30", "ten minutes", "1_000s", "9999999999h", "0x10s",
    ])
    func bad(text: String) {
        #expect(DurationParser.parse(text) == nil)
    }
}
