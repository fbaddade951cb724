import Foundation
import OncallSupport

/// Shows an archive snippet with its matches highlighted. The store brackets each match
/// (`…订单系统[登录]超时…`); a bracketed passage that contains none of the searched words is the
/// text's own brackets and stays as written.
enum SnippetMarkup {
    static func html(_ snippet: String, terms: [String]) -> String {
        var html = ""
        var rest = Substring(snippet)
        while let open = rest.firstIndex(of: "[") {
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(where: { $0 == "]" || $0 == "[" }) else { break }
            guard rest[close] == "]" else {
                html += htmlEscape(rest[..<close])  // an unmatched "[": the next one may open a match
                rest = rest[close...]
                continue
            }
            let inner = rest[afterOpen..<close]
            html += htmlEscape(rest[..<open])
            if !inner.isEmpty, terms.isEmpty || terms.contains(where: { inner.localizedCaseInsensitiveContains($0) || $0.localizedCaseInsensitiveContains(inner) }) {
                html += "<mark>" + htmlEscape(inner) + "</mark>"
            } else {
                html += htmlEscape(rest[open...close])
            }
            rest = rest[rest.index(after: close)...]
        }
        return html + htmlEscape(rest)
    }
}
