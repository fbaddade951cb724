import OncallMail
import Testing

@Suite("HTML reduced to readable text")
struct HTMLTextTests {
    @Test("drops script, style, head and comments; blocks become lines", arguments: [
        ("<html><head><title>T</title><style>p{color:red}</style></head><body><p>One</p><p>Two</p></body></html>", "One\n\nTwo"),
        ("<script>var a = '<p>no</p>';</script>Yes", "Yes"),
        ("<SCRIPT type=text/javascript>x()</SCRIPT >Shown", "Shown"),
        ("a<!-- hidden <b>x</b> -->b", "ab"),
        ("<!--[if gte mso 9]><xml><o:x/></xml><![endif]-->Body", "Body"),
        ("line1<br>line2<br/><br />line3", "line1\nline2\n\nline3"),
        ("<div>a</div><div>b</div>", "a\nb"),
        ("<ul><li>one</li><li>two</li></ul>", "- one\n- two"),
        ("<pre>  keep\n    spacing</pre>after", "  keep\n    spacing\n\nafter"),
        ("x  \n\t y", "x y"),
    ])
    func structure(html: String, expected: String) {
        #expect(HTMLText.readableText(html) == expected)
    }

    @Test("entities: named, numeric, hex, Windows-1252 range, legacy without semicolon", arguments: [
        ("&lt;b&gt; &amp; &quot;q&quot; &#39;s&#39;", "<b> & \"q\" 's'"),
        ("&#20013;&#x6587;&#X6D4B;", "中文测"),
        ("&#150; &#8212; &mdash; &hellip;", "– — — …"),
        ("a&nbsp;&nbsp;b", "a b"),
        ("AT&T &copy 2025", "AT&T © 2025"),
        ("&unknown; &#; &#xZZ; &#0; &#1114112;", "&unknown; &#; &#xZZ; \u{FFFD} \u{FFFD}"),
        ("caf&eacute; na&iuml;ve", "café naïve"),
    ])
    func entities(html: String, expected: String) {
        #expect(HTMLText.readableText(html) == expected)
    }

    @Test("tables keep label and value on one line, separated by a tab")
    func tables() {
        let html = "<table><tr><td>问题主题：</td><td>数据库宕机</td></tr><tr><th>提出单位：</th><td>华东仓</td></tr></table>"
        #expect(HTMLText.readableText(html) == "问题主题：\t数据库宕机\n提出单位：\t华东仓")
    }

    @Test("a link's address follows its text when they differ")
    func links() {
        #expect(HTMLText.readableText("<a href=\"https://x.example/t/1?a=1&amp;b=2\">ticket</a>") == "ticket <https://x.example/t/1?a=1&b=2>")
        #expect(HTMLText.readableText("<a href='https://x.example'>https://x.example</a>") == "https://x.example")
        #expect(HTMLText.readableText("<a href=\"mailto:a@example.com\">mail us</a>") == "mail us")
    }

    @Test("broken markup degrades to text", arguments: [
        ("a < b and c > d", "a < b and c > d"),
        ("<p>unclosed", "unclosed"),
        ("<script>never closed", "never closed"),
        ("x <a title=\"unterminated", "x <a title=\"unterminated"),
        ("<", "<"),
        ("&", "&"),
        ("<<<>>>", "<<<>>>"),
    ])
    func broken(html: String, expected: String) {
        #expect(HTMLText.readableText(html) == expected)
    }

    @Test("hostile markup stays linear", .timeLimit(.minutes(1)))
    func hostile() {
        let cases = [
            String(repeating: "<script>", count: 20000),
            String(repeating: "<a title='", count: 20000),
            String(repeating: "<a x=\"'<b y='\"", count: 20000),
            String(repeating: "<!--", count: 20000),
            String(repeating: "&#x1111111;", count: 20000),
        ]
        for html in cases {
            let start = ContinuousClock.now
            _ = HTMLText.readableText(html)
            #expect(ContinuousClock.now - start < .seconds(5))
        }
    }
}
