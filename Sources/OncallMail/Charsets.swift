/// Turns bytes in a declared (possibly wrong, possibly missing) charset into text.
///
/// The documented fallback, for the README and for anyone reading a warning:
/// 1. Bytes that are all ASCII are ASCII, whatever was declared (unless it is an encoding that
///    hides text in ASCII, such as UTF-7 or ISO-2022-JP).
/// 2. The declared charset, through its alias table and its known supersets: GB2312, GBK and
///    CP936 are read as GB18030 (old Outlook labels GBK text `gb2312`); Big5 as CP950, then
///    Big5-HKSCS; Shift_JIS as CP932; EUC-KR and `ks_c_5601-1987` as CP949; ISO-8859-1 and
///    US-ASCII as Windows-1252 (as browsers do). Any other label goes to iconv as written.
/// 3. If that fails, is unknown to iconv, or meets an invalid sequence: strict UTF-8, then
///    GB18030, then Big5 (CP950). The first that decodes every byte wins, except that text
///    whose byte pairs look like Big5 (over 30% with a trail byte outside the GB2312 block)
///    tries Big5 before GB18030, since Big5 bytes are nearly always valid, meaningless, GBK.
///    Text whose non-ASCII bytes mostly stand alone or in pairs beside ASCII letters, as
///    accented letters do ("Grüße"), is Latin and goes no further than UTF-8: it is read as
///    UTF-8 if that takes at most one U+FFFD per 20 non-ASCII bytes, else as Windows-1252,
///    else as ISO-8859-1 (such byte pairs are often valid, meaningless, GB18030).
/// 4. If none does: the declared charset, then UTF-8, then GB18030 (Big5 first if it looks
///    like Big5) again, replacing invalid sequences with U+FFFD; the first with at most one
///    invalid sequence per 20 non-ASCII bytes wins.
/// 5. Otherwise ISO-8859-1, which maps every byte to a character, so nothing is lost.
/// Every step after 2 is reported as a warning naming the charset used, and a label iconv does
/// not know is called unknown even when the text is ASCII. Undeclared text that is valid UTF-8
/// is exact (RFC 6532 headers, modern mailers that omit the parameter).
public enum Charsets {
    /// The chain tried after the declared charset fails, in order.
    public static let fallbackChain: [String] = ["UTF-8", "GB18030", "CP950"]

    /// Decodes `bytes`; `exact` is false when a fallback was needed.
    public static func decode(_ bytes: some Collection<UInt8>, charset: String?) -> (text: String, exact: Bool) {
        let result = decodeReporting(bytes, charset: charset)
        return (result.text, result.exact)
    }

    /// Decodes `bytes` and reports which charset was used and whether it was the declared one.
    public static func decodeReporting(_ bytes: some Collection<UInt8>, charset: String?) -> CharsetDecoding {
        let array = Array(bytes)
        return array.withUnsafeBufferPointer { decodeBuffer($0, label: charset) }
    }

    /// The iconv name a charset label stands for (`x-gbk` → `GB18030`, `utf8` → `UTF-8`,
    /// `ks_c_5601-1987` → `CP949`), or nil for labels that say nothing (`unknown-8bit`, empty).
    public static func canonicalName(_ label: String) -> String? {
        normalizedFamily(label)?.first
    }

    // MARK: - Decoding

    static func decodeBuffer(_ bytes: UnsafeBufferPointer<UInt8>, label: String?) -> CharsetDecoding {
        let family = label.flatMap(normalizedFamily)
        let declared = label.map { $0.trimmingCharacters(in: " \t\"'") }
        // A label iconv cannot open names nothing; the warning says so even for ASCII text.
        let unknown = family.map { names in
            !names.contains { $0 == "UTF-8" || $0 == "US-ASCII" || IconvConverter.isKnown($0) }
        } ?? false
        func result(_ text: String, used: String, exact: Bool, replacements: Int = 0) -> CharsetDecoding {
            CharsetDecoding(
                text: text, declared: declared, used: used, exact: exact, replacements: replacements,
                declaredIsUnknown: unknown
            )
        }

        if bytes.allSatisfy({ $0 < 0x80 }), family.map(isASCIICompatible) ?? true {
            let used = unknown ? "US-ASCII" : family?.first ?? "US-ASCII"
            return result(String(decoding: bytes, as: UTF8.self), used: used, exact: !unknown)
        }

        var tried: Set<String> = []
        for name in family ?? [] {
            tried.insert(name)
            if let text = strict(bytes, name) { return result(text, used: name, exact: true) }
        }
        // Big5 text is almost always also valid GB18030 (as nonsense), so the chain's order
        // alone would never reach Big5; byte statistics decide between the two first. Latin
        // text is often valid GB18030 too ("üß" is a GBK pair), so it is told apart before.
        let preferBig5 = looksLikeBig5(bytes)
        for name in fallbackChain {
            if name == "GB18030", looksLikeLatin(bytes) { return latinReading(bytes, result: result) }
            guard !tried.contains(name) else { continue }
            if name == "GB18030", preferBig5, !tried.contains("CP950"), let text = strict(bytes, "CP950") {
                return result(text, used: "CP950", exact: false)
            }
            if let text = strict(bytes, name) {
                // Undeclared UTF-8 is what RFC 6532 and most modern senders mean: not a guess.
                return result(text, used: name, exact: family == nil && name == "UTF-8")
            }
        }
        // A long text with a stray bad byte (a truncated character, a corrupted line) reads
        // far better with a U+FFFD than as ISO-8859-1; a short Latin-1 word ("Café") does not,
        // hence a threshold relative to the non-ASCII bytes.
        let threshold = bytes.count { $0 >= 0x80 } / 20
        if threshold >= 1 {
            var candidates: [String] = family?.first(where: IconvConverter.isKnown).map { [$0] } ?? []
            for name in ["UTF-8"] + (preferBig5 ? ["CP950"] : []) + ["GB18030"] where !candidates.contains(name) {
                candidates.append(name)
            }
            for name in candidates {
                if let lossy = IconvConverter.convert(bytes, from: name, lossy: true, maxInvalid: threshold),
                   lossy.invalid <= threshold {
                    return result(String(decoding: lossy.utf8, as: UTF8.self), used: name, exact: false, replacements: lossy.invalid)
                }
            }
        }
        return result(latin1(bytes), used: "ISO-8859-1", exact: false)
    }

    /// Latin text in no usable charset: Windows-1252 (ISO-8859-1 as browsers read it), unless a
    /// few replacements make it UTF-8 with a stray bad byte, which has the same shape.
    private static func latinReading(
        _ bytes: UnsafeBufferPointer<UInt8>, result: (String, String, Bool, Int) -> CharsetDecoding
    ) -> CharsetDecoding {
        let threshold = bytes.count { $0 >= 0x80 } / 20
        if threshold >= 1, let lossy = IconvConverter.convert(bytes, from: "UTF-8", lossy: true, maxInvalid: threshold),
           lossy.invalid <= threshold {
            return result(String(decoding: lossy.utf8, as: UTF8.self), "UTF-8", false, lossy.invalid)
        }
        if let text = strict(bytes, "CP1252") { return result(text, "CP1252", false, 0) }
        return result(latin1(bytes), "ISO-8859-1", false, 0)
    }

    /// True when 8-bit text reads as a Latin script in a single-byte charset: most of its
    /// non-ASCII bytes stand alone or in pairs next to an ASCII letter ("Grüße", "café"), which
    /// CJK double-byte text, whose characters come in runs, rarely does (a fifth of Big5 text's
    /// bytes at most, almost none of GBK's).
    static func looksLikeLatin(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
        var nonASCII = 0
        var inWords = 0
        var index = 0
        while index < bytes.count {
            guard bytes[index] >= 0x80 else {
                index += 1
                continue
            }
            let start = index
            while index < bytes.count, bytes[index] >= 0x80 { index += 1 }
            let run = index - start
            nonASCII += run
            let letterBefore = start > 0 && isLetter(bytes[start - 1])
            let letterAfter = index < bytes.count && isLetter(bytes[index])
            if run <= 2, letterBefore || letterAfter { inWords += run }
        }
        return nonASCII > 0 && inWords * 2 > nonASCII
    }

    /// True when double-byte text reads better as Big5 than as GB18030.
    ///
    /// Real GB2312/GBK text keeps nearly all of its byte pairs in the GB2312 block (lead and
    /// trail bytes both 0xA1–0xFE); Big5 puts a third or more of its trail bytes in 0x40–0x7E.
    /// A four-byte GB18030 sequence (second byte a digit) never occurs in Big5.
    static func looksLikeBig5(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var pairs = 0
        var outsideGB2312 = 0
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            guard lead >= 0x81, lead != 0xFF, index + 1 < bytes.count else {
                index += 1
                continue
            }
            let trail = bytes[index + 1]
            if (0x30...0x39).contains(trail) { return false }
            pairs += 1
            if !((0xA1...0xF7).contains(lead) && (0xA1...0xFE).contains(trail)) { outsideGB2312 += 1 }
            index += 2
        }
        return pairs >= 2 && outsideGB2312 * 10 > pairs * 3
    }

    /// The text if `name` decodes every byte, else nil.
    static func strict(_ bytes: UnsafeBufferPointer<UInt8>, _ name: String) -> String? {
        if name == "UTF-8" {
            // The standard library validates UTF-8 faster than a round trip through iconv.
            return String(validating: bytes, as: UTF8.self)
        }
        guard let result = IconvConverter.convert(bytes, from: name, lossy: false), result.invalid == 0 else {
            return nil
        }
        return String(decoding: result.utf8, as: UTF8.self)
    }

    /// ISO-8859-1: byte n is U+00nn, so every byte survives.
    static func latin1(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for byte in bytes { scalars.append(Unicode.Scalar(byte)) }
        return String(scalars)
    }

    /// Encodings that can hide text in ASCII bytes, so ASCII input is not ASCII text.
    static func isASCIICompatible(_ family: [String]) -> Bool {
        guard let name = family.first else { return true }
        return !["UTF-7", "UTF-16", "UTF-32", "UCS", "2022", "HZ"].contains { name.contains($0) }
    }

    // MARK: - Labels

    /// Labels that declare nothing useful; the bytes are treated as undeclared.
    static let meaninglessLabels: Set<String> = [
        "", "unknown", "unknown-8bit", "x-unknown", "x-user-defined", "default", "charset", "none",
        "8bit", "binary", "_autodetect_all", "auto", "x-unknown-8bit",
    ]

    /// Aliases to iconv families; the first name is tried first, the rest are supersets or
    /// near-twins that rescue mislabelled text before the generic fallback.
    static let aliases: [String: [String]] = {
        let gb = ["GB18030"]
        let big5 = ["CP950", "BIG5-HKSCS", "BIG5"]
        let sjis = ["CP932", "SHIFT_JIS"]
        let korean = ["CP949", "EUC-KR"]
        let latin1 = ["CP1252", "ISO-8859-1"]
        var table: [String: [String]] = [
            "utf-8": ["UTF-8"], "utf8": ["UTF-8"], "unicode-1-1-utf-8": ["UTF-8"], "x-unicode20utf8": ["UTF-8"],
            "us-ascii": ["US-ASCII"], "ascii": ["US-ASCII"], "us": ["US-ASCII"], "ansi_x3.4-1968": ["US-ASCII"],
            "iso646-us": ["US-ASCII"], "cp367": ["US-ASCII"], "ibm367": ["US-ASCII"], "csascii": ["US-ASCII"],
            "utf-7": ["UTF-7"], "unicode-1-1-utf-7": ["UTF-7"], "x-unicode20utf7": ["UTF-7"], "utf7": ["UTF-7"],
            "utf-16": ["UTF-16"], "utf-16le": ["UTF-16LE"], "utf-16be": ["UTF-16BE"], "unicode": ["UTF-16LE"],
            "big5-hkscs": ["BIG5-HKSCS", "CP950"], "big5hkscs": ["BIG5-HKSCS", "CP950"],
            "euc-jp": ["EUC-JP", "EUC-JP-MS"], "x-euc-jp": ["EUC-JP", "EUC-JP-MS"], "eucjp": ["EUC-JP", "EUC-JP-MS"],
            "iso-2022-jp": ["ISO-2022-JP", "ISO-2022-JP-2", "ISO-2022-JP-3"],
            "csiso2022jp": ["ISO-2022-JP", "ISO-2022-JP-2", "ISO-2022-JP-3"],
            "iso-2022-kr": ["ISO-2022-KR"], "iso-2022-cn": ["ISO-2022-CN", "ISO-2022-CN-EXT"],
            "koi8-r": ["KOI8-R"], "koi8-u": ["KOI8-U"], "koi8r": ["KOI8-R"],
            "tis-620": ["TIS-620", "CP874"], "windows-874": ["CP874", "TIS-620"], "cp874": ["CP874", "TIS-620"],
            "euc-tw": ["EUC-TW"], "hz-gb-2312": ["HZ", "GB18030"],
        ]
        for label in [
            "gb2312", "gb_2312-80", "gb_2312", "euc-cn", "euccn", "x-euc-cn", "cn-gb", "csgb2312", "gbk",
            "x-gbk", "cp936", "ms936", "windows-936", "936", "gb18030", "chinese", "iso-ir-58",
            "csiso58gb231280", "x-gb18030", "gb-18030",
        ] { table[label] = gb }
        for label in [
            "big5", "big-5", "cn-big5", "x-x-big5", "csbig5", "cp950", "ms950", "windows-950", "x-big5",
        ] { table[label] = big5 }
        for label in [
            "shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "csshiftjis", "windows-31j", "cp932",
            "ms932", "x-ms-cp932",
        ] { table[label] = sjis }
        for label in [
            "ks_c_5601-1987", "ks_c_5601", "ks_c_5601-1989", "ksc5601", "ksc_5601", "euc-kr", "x-euc-kr",
            "cp949", "uhc", "windows-949", "korean", "csksc56011987", "iso-ir-149", "euckr",
        ] { table[label] = korean }
        for label in [
            "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "cp819", "ibm819",
            "iso-ir-100", "csisolatin1", "windows-1252", "cp1252", "x-cp1252", "iso_8859-1:1987", "iso88591",
        ] { table[label] = latin1 }
        return table
    }()

    /// The iconv names to try for a label, first the closest; nil for a meaningless label.
    static func normalizedFamily(_ label: String) -> [String]? {
        var name = label.trimmingCharacters(in: " \t\"'").lowercased()
        // RFC 2231 lets encoded words carry a language: `utf-8*zh-cn`.
        if let star = name.firstIndex(of: "*") { name = String(name[..<star]) }
        guard !meaninglessLabels.contains(name) else { return nil }
        if let family = aliases[name] { return family }
        if name.hasPrefix("iso"), let range = name.range(of: "8859") {
            let digits = name[range.upperBound...].drop(while: { $0 == "-" || $0 == "_" || $0 == " " })
                .prefix(while: \.isASCIIDigit)
            if let part = Int(digits), (1...16).contains(part) {
                return part == 1 ? aliases["iso-8859-1"] : ["ISO-8859-\(part)"]
            }
        }
        if let range = name.range(of: "125"), name.hasPrefix("windows") || name.hasPrefix("cp")
            || name.hasPrefix("x-cp") || name.hasPrefix("win") {
            let digits = name[range.lowerBound...].prefix(while: \.isASCIIDigit)
            if let number = Int(digits), (1250...1258).contains(number) {
                return number == 1252 ? aliases["windows-1252"] : ["CP\(number)"]
            }
        }
        // Anything else goes to iconv as written, if it looks like a charset name at all:
        // odd bytes in a label must not reach iconv_open.
        let allowed = name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.:+".contains($0)) }
        guard allowed, name.count <= 40 else { return [] }
        return [name.uppercased()]
    }
}
