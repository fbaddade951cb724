@testable import OncallMail
import Testing

@Suite("Charset decoding and the documented fallback")
struct CharsetsTests {
    @Test("declared charsets decode exactly", arguments: [
        ("故障告警", "gb2312"), ("故障告警", "GBK"), ("故障告警", "gb18030"), ("故障告警", "x-gbk"),
        ("故障告警", "cp936"), ("伺服器當機", "big5"), ("伺服器當機", "Big5-HKSCS"), ("サーバー障害", "shift_jis"),
        ("サーバー障害", "euc-jp"), ("サーバー障害", "iso-2022-jp"), ("서버 장애", "ks_c_5601-1987"),
        ("서버 장애", "euc-kr"), ("Привет", "koi8-r"), ("Привет", "windows-1251"), ("Grüße", "iso-8859-1"),
        ("Grüße", "ISO_8859-15"), ("Zażółć", "iso-8859-2"), ("Zażółć", "windows-1250"), ("ทดสอบ", "tis-620"),
        ("故障告警", "utf8"), ("故障告警", "UTF-8"),
    ])
    func exact(text: String, charset: String) throws {
        let bytes = try #require(encode(text, charset))
        let result = Charsets.decodeReporting(bytes, charset: charset)
        #expect(result.text == text)
        #expect(result.exact, "used \(result.used)")
        #expect(result.warning == nil)
    }

    @Test("GB2312 is read as GB18030, so GBK-only characters survive the old Outlook label")
    func gb2312Superset() throws {
        let bytes = try #require(encode("朱镕基 刘喆 王堃 王䶮 𠮷", "gb18030"))
        let result = Charsets.decodeReporting(bytes, charset: "gb2312")
        #expect(result.text == "朱镕基 刘喆 王堃 王䶮 𠮷")
        #expect(result.exact)
        #expect(result.used == "GB18030")
    }

    @Test("ISO-8859-1 is read as Windows-1252, as browsers do")
    func latin1IsWindows1252() {
        let result = Charsets.decodeReporting([0x93, 0x6F, 0x6B, 0x94, 0x20, 0x80], charset: "iso-8859-1")
        #expect(result.text == "“ok” €")
        #expect(result.exact)
    }

    @Test("the fallback chain: declared, then UTF-8, GB18030, Big5, with a warning naming the one used")
    func chain() throws {
        let gbk = try #require(encode("备份任务失败", "gbk"))
        let mislabelled = Charsets.decodeReporting(gbk, charset: "utf-8")
        #expect(mislabelled.text == "备份任务失败")
        #expect(mislabelled.used == "GB18030")
        #expect(!mislabelled.exact)
        #expect(mislabelled.warning == "declared charset 'utf-8' decoded as GB18030")

        let utf8 = Array("备份任务失败".utf8)
        let asASCII = Charsets.decodeReporting(utf8, charset: "us-ascii")
        #expect(asASCII.text == "备份任务失败")
        #expect(asASCII.used == "UTF-8")
        #expect(!asASCII.exact)

        let unknownLabel = Charsets.decodeReporting(gbk, charset: "x-no-such-charset")
        #expect(unknownLabel.text == "备份任务失败")
        #expect(unknownLabel.used == "GB18030")

        // Undeclared Big5 is also valid GB18030 byte for byte; its byte statistics pick Big5.
        let big5 = try #require(encode("台北機房的主伺服器今天早上九點當機，請協助處理。", "big5"))
        let big5Result = Charsets.decodeReporting(big5, charset: nil)
        #expect(big5Result.text == "台北機房的主伺服器今天早上九點當機，請協助處理。")
        #expect(big5Result.used == "CP950")
        let big5AsUTF8 = Charsets.decodeReporting(big5, charset: "utf-8")
        #expect(big5AsUTF8.used == "CP950")

        // A stray bad byte in long undeclared Big5 keeps the Big5 reading, with one U+FFFD.
        let damagedBig5 = Charsets.decodeReporting(big5 + [0xFF] + big5, charset: nil)
        #expect(damagedBig5.used == "CP950")
        #expect(damagedBig5.replacements == 1)

        // And GBK text is not mistaken for Big5.
        let gbkLong = try #require(encode("台北机房的主服务器今天早上九点宕机，请协助处理。", "gbk"))
        #expect(Charsets.decodeReporting(gbkLong, charset: nil).used == "GB18030")
    }

    @Test("undeclared UTF-8 and ASCII are exact (RFC 6532)")
    func undeclared() {
        #expect(Charsets.decode(Array("数据库".utf8), charset: nil) == ("数据库", true))
        #expect(Charsets.decode(Array("plain".utf8), charset: nil) == ("plain", true))
        #expect(Charsets.decode(Array("数据库".utf8), charset: "unknown-8bit") == ("数据库", true))
    }

    @Test("a few bad bytes in the declared charset become U+FFFD; many fall to ISO-8859-1")
    func lossyThenLatin1() throws {
        var gbk = try #require(encode(String(repeating: "数据库主从同步延迟。", count: 30), "gbk"))
        // A lone 0xFF byte is invalid in GB18030, UTF-8 and Big5 alike.
        gbk.insert(0xFF, at: 40)
        let lossy = Charsets.decodeReporting(gbk, charset: "gbk")
        #expect(lossy.replacements == 1)
        #expect(lossy.text.contains("\u{FFFD}"))
        #expect(lossy.text.hasPrefix("数据库主从同步延迟。"))
        #expect(lossy.warning?.contains("1 invalid sequence(s) replaced") == true)

        // Declared UTF-8, actually GBK, one byte damaged: GB18030 with one replacement.
        let damaged = Charsets.decodeReporting(gbk, charset: "utf-8")
        #expect(damaged.used == "GB18030")
        #expect(damaged.replacements == 1)

        // A short Latin-1 word is not worth a replacement character: Windows-1252 reads it whole.
        let cafe = Charsets.decodeReporting([0x43, 0x61, 0x66, 0xE9], charset: nil)
        #expect(cafe.text == "Café")
        #expect(cafe.used == "CP1252")
        #expect(cafe.warning == "undeclared 8-bit text decoded as CP1252")

        let garbage: [UInt8] = Array(repeating: 0xFF, count: 50)
        let latin1 = Charsets.decodeReporting(garbage, charset: "utf-8")
        #expect(latin1.used == "ISO-8859-1")
        #expect(latin1.text == String(repeating: "ÿ", count: 50))
        #expect(latin1.warning == "declared charset 'utf-8' decoded as ISO-8859-1")
    }

    @Test("Latin text in no usable charset is Windows-1252, never GB18030 or Big5")
    func latinText() throws {
        // Every byte pair here ("üh", "ße", "öl") is also a valid GBK character.
        let german = try #require(encode("Grüße aus Köln: der Drucker druckt seit heute früh nur leere Seiten.", "iso-8859-1"))
        let undeclared = Charsets.decodeReporting(german, charset: nil)
        #expect(undeclared.text == "Grüße aus Köln: der Drucker druckt seit heute früh nur leere Seiten.")
        #expect(undeclared.used == "CP1252")
        let mislabelled = Charsets.decodeReporting(german, charset: "utf-8")
        #expect(mislabelled.used == "CP1252")
        #expect(mislabelled.warning == "declared charset 'utf-8' decoded as CP1252")

        // Long UTF-8 Latin text with one damaged byte stays UTF-8, with one U+FFFD.
        let utf8 = Array(String(repeating: "Le répertoire de données est plein, dernière réussite hier. ", count: 10).utf8)
        let damaged = Charsets.decodeReporting(utf8 + [0xE9] + utf8, charset: nil)
        #expect(damaged.used == "UTF-8")
        #expect(damaged.replacements == 1)

        // And CJK text is not taken for Latin, even with ASCII letters about.
        let mixed = try #require(encode("请检查A和B两台服务器的CPU使用率，db-01 的磁盘已满。", "gbk"))
        #expect(Charsets.decodeReporting(mixed, charset: nil).used == "GB18030")
    }

    @Test("an unknown label is named in the warning, even over ASCII")
    func unknownLabel() {
        let ascii = Charsets.decodeReporting(Array("plain".utf8), charset: "x-unknown-foo")
        #expect(ascii.text == "plain")
        #expect(!ascii.exact)
        #expect(ascii.warning == "unknown charset 'x-unknown-foo' decoded as US-ASCII")
        #expect(Charsets.decodeReporting(Array("数据".utf8), charset: "x-unknown-foo").warning
            == "unknown charset 'x-unknown-foo' decoded as UTF-8")
        // Labels that say nothing at all are undeclared, not unknown.
        #expect(Charsets.decodeReporting(Array("plain".utf8), charset: "unknown-8bit").warning == nil)
    }

    @Test("labels map to iconv names", arguments: [
        ("x-gbk", "GB18030"), ("GB2312", "GB18030"), ("cp936", "GB18030"), ("ks_c_5601-1987", "CP949"),
        ("utf8", "UTF-8"), ("\"UTF-8\"", "UTF-8"), ("big5", "CP950"), ("iso8859-2", "ISO-8859-2"),
        ("win-1251", "CP1251"), ("unicode-1-1-utf-7", "UTF-7"), ("x-mac-roman", "X-MAC-ROMAN"),
    ])
    func labels(label: String, name: String) {
        #expect(Charsets.canonicalName(label) == name)
    }

    @Test("meaningless and hostile labels are treated as undeclared or refused", arguments: [
        "", "unknown-8bit", "x-user-defined", "default",
    ])
    func meaninglessLabels(label: String) {
        #expect(Charsets.canonicalName(label) == nil)
    }

    @Test("a label with odd characters never reaches iconv_open")
    func oddLabel() {
        let result = Charsets.decodeReporting(Array("数据".utf8), charset: "utf-8//TRANSLIT\u{0}")
        #expect(result.text == "数据")
        #expect(Charsets.normalizedFamily("utf-8//translit") == [])
    }

    /// `text` in `charset`, through iconv (the same library the parser uses, so the test
    /// checks our plumbing, not iconv's tables).
    private func encode(_ text: String, _ charset: String) -> [UInt8]? {
        let iconvName: String = switch charset.lowercased() {
        case "big5": "CP950"
        case "ks_c_5601-1987": "CP949"
        case "x-gbk", "cp936", "gb2312": "GB18030"
        case "utf8": "UTF-8"
        case "iso_8859-15": "ISO-8859-15"
        default: charset
        }
        return IconvEncoder.encode(text, to: iconvName)
    }
}
