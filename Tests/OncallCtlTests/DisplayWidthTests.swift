import Testing

@testable import oncallctl

@Suite("Display width")
struct DisplayWidthTests {
    @Test(
        "columns per string",
        arguments: [
            ("", 0), ("abc", 3), ("数据库", 6), ("INC-000001", 10), ("财务处 Finance", 14),
            ("한국어", 6), ("ｆｕｌｌ", 8), ("￥", 2), ("　", 2), ("カタカナ", 8), ("e\u{301}", 1),
            ("a\u{200B}b", 2), ("𠀋", 2), ("tab\t", 3), ("…", 1), ("丟", 2), ("︰", 2), ("ᄀ", 2),
        ])
    func width(_ text: String, _ expected: Int) {
        #expect(displayWidth(text) == expected)
    }

    @Test("range edges", arguments: [(0x10FF, 1), (0x1100, 2), (0x115F, 2), (0x1160, 1), (0x2E7F, 1), (0x2E80, 2),
        (0xA4CF, 2), (0xA4D0, 1), (0xAC00, 2), (0xD7A3, 2), (0xD7A4, 1), (0xF8FF, 1), (0xF900, 2), (0xFAFF, 2), (0xFB00, 1),
        (0xFE2F, 0), (0xFE30, 2), (0xFE4F, 2), (0xFE50, 1), (0xFF00, 2), (0xFF60, 2), (0xFF61, 1), (0xFFE0, 2), (0xFFE6, 2),
        (0xFFE7, 1), (0x1FFFF, 1), (0x20000, 2), (0x3FFFD, 2), (0x3FFFE, 1)])
    func edges(_ value: UInt32, _ expected: Int) {
        // U+FE2F is a combining half mark (zero width); U+FFE7 and U+3FFFE are unassigned (width 1).
        #expect(displayWidth(String(Character(Unicode.Scalar(value)!))) == expected)
    }

    @Test("truncation keeps within the width and ends in an ellipsis")
    func truncation() {
        #expect(truncate("short", toWidth: 10) == "short")
        #expect(truncate("exactly10!", toWidth: 10) == "exactly10!")
        #expect(truncate("eleven chars", toWidth: 10) == "eleven ch…")
        #expect(truncate("数据库连接超时", toWidth: 8) == "数据库…")
        #expect(displayWidth(truncate("数据库连接超时", toWidth: 8)) == 7)
        #expect(truncate("数据库连接超时", toWidth: 7) == "数据库…")
        #expect(truncate("ab数据", toWidth: 5) == "ab数…")
        #expect(truncate("abc", toWidth: 0) == "")
    }

    @Test("padding counts wide characters twice")
    func padding() {
        #expect(pad("数据", toWidth: 6) == "数据  ")
        #expect(pad("ab", toWidth: 6) == "ab    ")
        #expect(pad("toolong", toWidth: 3) == "toolong")
    }
}
