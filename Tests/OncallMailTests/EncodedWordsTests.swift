import OncallMail
import Testing

@Suite("RFC 2047 encoded words")
struct EncodedWordsTests {
    @Test("decodes B and Q words in any charset iconv knows", arguments: [
        ("=?US-ASCII?Q?Keith_Moore?=", "Keith Moore"),
        ("=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?=", "Keld Jørn Simonsen"),
        ("=?ISO-8859-1?Q?Andr=E9?= Pirard", "André Pirard"),
        ("=?iso-8859-1?q?caf=e9?=", "café"),
        ("=?UTF-8?B?5pWF6Zqc?=", "故障"),
        ("=?gb2312?B?ufrE2rbP?=", "国内断"),
        ("=?GBK?Q?=B9=CA=D5=CF?=", "故障"),
        ("=?big5?B?pviqQb65?=", "伺服器"),
        ("=?shift_jis?B?g1SBW4Nv?=", "サーバ"),
        ("=?ISO-2022-JP?B?GyRCOzNFRBsoQg==?=", "山田"),
        ("=?windows-1251?B?z/Do4uXy?=", "Привет"),
        ("=?koi8-r?Q?=F0=D2=C9=D7=C5=D4?=", "Привет"),
        ("=?utf-8*zh-cn?B?5pWF6Zqc?=", "故障"),
    ])
    func decodes(input: String, expected: String) {
        #expect(EncodedWords.decode(input) == expected)
    }

    @Test("whitespace between adjacent encoded words is dropped, other whitespace kept")
    func adjacentWords() {
        #expect(EncodedWords.decode("=?UTF-8?B?5pWF?= =?UTF-8?B?6Zqc?=") == "故障")
        #expect(EncodedWords.decode("=?UTF-8?B?5pWF?=\t  =?UTF-8?B?6Zqc?=") == "故障")
        #expect(EncodedWords.decode("Re: =?UTF-8?B?5pWF6Zqc?= [INC-000123]") == "Re: 故障 [INC-000123]")
        #expect(EncodedWords.decode("=?UTF-8?Q?a?= b =?UTF-8?Q?c?=") == "a b c")
    }

    @Test("a multi-byte character split across words of one charset is decoded whole")
    func splitCharacters() {
        // "故障" in UTF-8 is E6 95 85 E9 9A 9C; cut after the fourth byte.
        #expect(EncodedWords.decode("=?utf-8?Q?=E6=95=85=E9?= =?utf-8?Q?=9A=9C?=") == "故障")
        // The same in GBK (B9 CA D5 CF), cut inside the second character, in B encoding.
        #expect(EncodedWords.decode("=?gbk?B?ucrV?= =?gbk?B?zw==?=") == "故障")
        // Base64 split in the middle of a quantum, without padding.
        #expect(EncodedWords.decode("=?utf-8?B?5pWF6Z?= =?utf-8?B?qc?=") == "故障")
    }

    @Test("words glued to text, Q words with spaces and bad words are handled leniently")
    func leniency() {
        #expect(EncodedWords.decode("[告警]=?UTF-8?B?5pWF6Zqc?=!") == "[告警]故障!")
        #expect(EncodedWords.decode("hello =?iso-8859-1?q?this is some text?=") == "hello this is some text")
        #expect(EncodedWords.decode("=?utf-8?X?abc?=") == "=?utf-8?X?abc?=")
        #expect(EncodedWords.decode("=?utf-8?B?5pWF6Zqc") == "=?utf-8?B?5pWF6Zqc")
        #expect(EncodedWords.decode("a =? b ?= c") == "a =? b ?= c")
        #expect(EncodedWords.decode("=?utf-8?Q?bad=ZZescape?=") == "bad=ZZescape")
    }

    @Test("an unknown charset falls back instead of losing the text")
    func unknownCharset() {
        #expect(EncodedWords.decode("=?x-unknown?B?5pWF6Zqc?=") == "故障")
        #expect(EncodedWords.decode("=?x-unknown?B?ucrVzw==?=") == "故障")
    }

    @Test("many broken words stay fast", .timeLimit(.minutes(1)))
    func manyFragments() {
        let hostile = String(repeating: "=?utf-8?q?", count: 20000) + String(repeating: "=?a?b?", count: 20000)
        let start = ContinuousClock.now
        _ = EncodedWords.decode(hostile)
        #expect(ContinuousClock.now - start < .seconds(5))
    }
}
