import Foundation
import Testing

@testable import oncallctl

@Suite("Time arguments")
struct TimeArgumentTests {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    @Test("now and spans before now", arguments: [
        ("now", 0), ("NOW", 0), ("-15m", 900), ("-2h", 7200), ("-30s", 30), ("-1d", 86_400), ("-1h30m", 5400), ("-0m", 0),
    ])
    func relative(_ text: String, _ secondsAgo: Int) throws {
        let value = try #require(TimeArgument(argument: text))
        #expect(value.resolve(now: t0) == t0.addingTimeInterval(-TimeInterval(secondsAgo)))
    }

    @Test("RFC 3339 with an offset, Z, or fractional seconds")
    func absolute() throws {
        let expected = Date(timeIntervalSince1970: 1_795_565_100)  // 2026-11-25T00:05:00Z
        #expect(TimeArgument(argument: "2026-11-25T08:05:00+08:00")?.resolve(now: t0) == expected)
        #expect(TimeArgument(argument: "2026-11-25T00:05:00Z")?.resolve(now: t0) == expected)
        #expect(TimeArgument(argument: "2026-11-25T00:05:00.000Z")?.resolve(now: t0) == expected)
    }

    @Test("refused", arguments: ["", "-", "-15", "-m", "15m", "+15m", "-15x", "-1.5h", "yesterday", "2026-11-25", "2026-11-25 08:05", "-9999999999m"])
    func refused(_ text: String) {
        #expect(TimeArgument(argument: text) == nil)
    }
}
