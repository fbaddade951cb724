import Testing
@testable import OncallWeb

@Suite("Archive snippets")
struct SnippetMarkupTests {
    @Test("matches are marked, everything else escaped")
    func marks() {
        #expect(SnippetMarkup.html("…订单[登录]<超时>…", terms: ["登录"]) == "…订单<mark>登录</mark>&lt;超时&gt;…")
        #expect(SnippetMarkup.html("a [note] and [Login] b", terms: ["login"]) == "a [note] and <mark>Login</mark> b")
        #expect(SnippetMarkup.html("[[x]", terms: []) == "[<mark>x</mark>")
        #expect(SnippetMarkup.html("[<b>]", terms: ["<b>"]) == "<mark>&lt;b&gt;</mark>")
    }
}
