import Testing
@testable import OncallWeb

@Suite("Markdown to HTML")
struct MarkdownRendererTests {
    @Test("raw HTML is shown as text, never passed through")
    func rawHTML() {
        let html = MarkdownRenderer.html("<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n# <b>标题</b>\n\n| a | <i>b</i> |\n|---|---|\n| <u>c</u> | d |")
        #expect(!html.contains("<script") && !html.contains("<img") && !html.contains("<b>") && !html.contains("<i>") && !html.contains("<u>"))
        #expect(html.contains("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"))
        #expect(html.contains("<h1>&lt;b&gt;标题&lt;/b&gt;</h1>"))
    }

    @Test("headings, paragraphs, lists, tables, quotes, code and emphasis")
    func blocks() {
        let html = MarkdownRenderer.html("""
            ## 原因

            数据库**连接池**耗尽，*临时*扩容。
            第二行

            - 第一项
            - 第二项
              - 嵌套
            1. 一
            2. 二

            > 引用 `a<b`

            ```
            if a < b { }
            ```

            | 项目 | 内容 |
            |---|---|
            | 编号 | INC-000002 |

            ---
            """)
        #expect(html.contains("<h2>原因</h2>"))
        #expect(html.contains("<p>数据库<strong>连接池</strong>耗尽，<em>临时</em>扩容。\n第二行</p>"))
        #expect(html.contains("<ul>\n<li>第一项</li>\n<li>第二项\n<ul>\n<li>嵌套</li>\n</ul>\n</li>\n</ul>"))
        #expect(html.contains("<ol>\n<li>一</li>\n<li>二</li>\n</ol>"))
        #expect(html.contains("<blockquote>\n<p>引用 <code>a&lt;b</code></p>\n</blockquote>"))
        #expect(html.contains("<pre><code>if a &lt; b { }</code></pre>"))
        #expect(html.contains("<thead><tr><th>项目</th><th>内容</th></tr></thead>"))
        #expect(html.contains("<tr><td>编号</td><td>INC-000002</td></tr>"))
        #expect(html.contains("<hr>"))
    }

    @Test("only web, mail and local links become links")
    func links() {
        #expect(MarkdownRenderer.inline("[手册](https://example.com/a?b=1&c=2)") == "<a href=\"https://example.com/a?b=1&amp;c=2\" rel=\"noreferrer\">手册</a>")
        #expect(MarkdownRenderer.inline("[x](javascript:alert(1))").contains("<a") == false)
        #expect(MarkdownRenderer.inline("[x](\"onmouseover=alert(1))").contains("<a") == false)
        #expect(MarkdownRenderer.inline("[x](//evil.example)").contains("<a") == false)
    }

    @Test("backslash escapes and HTML comments")
    func escapes() {
        #expect(MarkdownRenderer.inline("\\*不是强调\\*") == "&#42;不是强调&#42;")
        #expect(MarkdownRenderer.html("前<!-- 提示 -->后") == "<p>前后</p>\n")
        #expect(MarkdownRenderer.html("<!-- 未闭合") == "<p>&lt;!-- 未闭合</p>\n")
    }
}

@Suite("The archived report's HTML copy")
struct StandalonePageTests {
    @Test("a whole page with the title escaped and the report rendered safely")
    func standalone() {
        let html = WebPages.standalone(title: "INC-000002 <支付>", markdown: "# 故障报告\n\n<script>x</script>")
        #expect(html.hasPrefix("<!doctype html>"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("<title>INC-000002 &lt;支付&gt;</title>"))
        #expect(html.contains("<h1>故障报告</h1>"))
        #expect(html.contains("&lt;script&gt;x&lt;/script&gt;") && !html.contains("<script"))
    }
}
