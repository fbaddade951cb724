/// Reduces an HTML mail body to readable plain text.
///
/// Not a browser: one forward pass over the bytes that drops `script`, `style`, `head` and
/// comments, turns block elements into line breaks, table cells into tabs (so a form laid out
/// as a table keeps label and value on one line), decodes entities (named and numeric),
/// collapses whitespace outside `pre`, and appends a link's address after its text when they
/// differ. Tags are scanned with a bounded look-ahead and skipped elements remember when their
/// closing tag is missing, so no input makes it quadratic.
public enum HTMLText {
    /// The readable text of `html`, lines separated by `\n`, at most one blank line in a row.
    public static func readableText(_ html: String) -> String {
        var renderer = HTMLTextRenderer(Array(html.utf8))
        renderer.run()
        return renderer.finish()
    }

    /// The charset named by a `<meta charset=…>` or `<meta http-equiv … content="…; charset=…">`
    /// within the first 4 KiB, for HTML parts whose Content-Type omits it.
    static func declaredCharset(_ bytes: [UInt8]) -> String? {
        let window = bytes.prefix(4096).map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        let needle = Array("charset=".utf8)
        guard window.count > needle.count else { return nil }
        var index = 0
        while index + needle.count < window.count {
            if window[index..<(index + needle.count)].elementsEqual(needle) {
                var cursor = index + needle.count
                while cursor < window.count, window[cursor] == 0x22 || window[cursor] == 0x27 || window[cursor] == 0x20 { cursor += 1 }
                let start = cursor
                while cursor < window.count, cursor - start < 40,
                      window[cursor].isASCIIAlphanumeric || window[cursor] == 0x2D || window[cursor] == 0x5F
                      || window[cursor] == 0x2E || window[cursor] == 0x3A {
                    cursor += 1
                }
                if cursor > start { return String(decoding: window[start..<cursor], as: UTF8.self) }
            }
            index += 1
        }
        return nil
    }

    /// Elements whose content is never shown.
    static let hiddenElements: Set<String> = ["script", "style", "head", "title", "noscript", "template", "xml", "svg", "object"]
    /// Elements that end a line.
    static let lineElements: Set<String> = [
        "br", "div", "li", "tr", "dt", "dd", "option", "caption", "center", "form", "fieldset", "legend", "nav",
        "header", "footer", "section", "article", "aside", "main", "figure", "figcaption", "address", "details", "summary",
    ]
    /// Elements that end a paragraph (a blank line).
    static let paragraphElements: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote", "pre", "hr", "ul", "ol", "dl",
    ]
}
