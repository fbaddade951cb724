/// Pages that live outside the web view.
public enum WebPages {
    /// A self-contained HTML copy of an archived report, for `reports/YYYY/ID.html` next to the Markdown:
    /// the same safe rendering and style as the web view, no links back into it and no scripts.
    public static func standalone(title: String, markdown: String) -> String {
        StandaloneReportPage(title: title, body: MarkdownRenderer.html(markdown)).render()
    }
}

/// The frame of `WebPages.standalone`.
struct StandaloneReportPage {
    let title: String
    /// HTML from `MarkdownRenderer`.
    let body: String
    let style = PageStyle.css

    func render() -> String { Self.template.render(self) }

    static let template = WebTemplate("""
        <!doctype html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <title>{{title}}</title>
        <style>
        {{{style}}}
        </style>
        </head>
        <body>
        <main>
        <article class="report">
        {{{body}}}
        </article>
        </main>
        </body>
        </html>
        """)
}
