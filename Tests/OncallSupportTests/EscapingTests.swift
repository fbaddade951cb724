import Testing
import OncallSupport

@Suite("HTML escaping")
struct EscapingTests {
    @Test("the five HTML characters become entities, everything else stays")
    func html() {
        #expect(htmlEscape(#"<a href="x?a=1&b='2'">"#) == "&lt;a href=&quot;x?a=1&amp;b=&#39;2&#39;&quot;&gt;")
        #expect(htmlEscape("仓储系统 ✓ plain") == "仓储系统 ✓ plain")
        #expect(htmlEscape("") == "")
        #expect(htmlEscape("&amp;") == "&amp;amp;", "escaping is not idempotent: already escaped text is escaped again")
    }

    @Test("substrings escape like strings")
    func substring() {
        let text = "x<y>z"
        #expect(htmlEscape(text.dropFirst()) == "&lt;y&gt;z")
    }

    @Test("a custom escaper replaces only its characters, whole grapheme clusters included")
    func custom() {
        let slackLike = CharacterEscaper(["&": "&amp;", "<": "&lt;", ">": "&gt;"])
        #expect(slackLike.escape(#"<@U1> "quoted" & 'single'"#) == #"&lt;@U1&gt; "quoted" &amp; 'single'"#)
        let crlf = CharacterEscaper(["\r\n": "⏎"])
        #expect(crlf.escape("a\r\nb") == "a⏎b")
    }
}
