import Foundation
import Hummingbird
import HummingbirdTesting
import OncallCore
import Testing
@testable import OncallWeb

@Suite("Fault reports on the web")
struct ReportTests {
    @Test("a report is rendered from Markdown with what people wrote escaped")
    func rendering() async throws {
        try await withWebServer { browser, _ in
            try await browser.signIn("wang.min")
            let response = try await browser.get("/web/reports/INC-000002")
            #expect(response.status == .ok)
            let html = response.text
            #expect(html.contains("<h1>故障报告 #INC-000002：支付接口超时</h1>"))
            #expect(html.contains("<h2>原因</h2>"))
            #expect(html.contains("<p>连接池耗尽 &lt;script&gt;alert(&#39;cause&#39;)&lt;/script&gt;</p>"))
            #expect(!html.contains("<script"))
            #expect(html.contains("<td>编号</td><td>INC-000002</td>"))
            #expect(html.contains("<td>第一行<br>第二行 &#124; 含竖线</td>"))
            #expect(!html.contains("请只填写") && !html.contains("&lt;!--"), "editing hints stay hidden")
            #expect(html.contains("草稿 draft"))
            #expect(!html.contains("action=\"/web/reports/INC-000002/edit\""), "a manager changes nothing")
            #expect(!html.contains("action=\"/web/reports/INC-000002/review\""))
        }
    }

    @Test("an approved report shows its SHA-256")
    func approved() async throws {
        try await withWebServer { browser, _ in
            try await browser.signIn("wang.min")
            let html = try await browser.get("/web/reports/INC-000004").text
            #expect(html.contains(String(repeating: "ab", count: 32)))
            #expect(html.contains("已归档 approved"))
        }
    }

    @Test("a manager may not review, even with a valid CSRF token")
    func managerCannotReview() async throws {
        try await withWebServer { browser, fixture in
            try await browser.signIn("wang.min")
            let page = try await browser.get("/web/reports/INC-000003")
            #expect(page.status == .ok)
            #expect(!page.text.contains("name=\"decision\""))
            let response = try await browser.submit(from: "/web/reports/INC-000003", to: "/web/reports/INC-000003/review", [("decision", "approve"), ("comment", "")])
            #expect(response.status == .forbidden)
            #expect(await fixture.reviews.isEmpty)
        }
    }

    @Test("the reviewer approves with a valid CSRF token and is refused without one")
    func reviewerApproves() async throws {
        try await withWebServer { browser, fixture in
            try await browser.signIn("zhao.lei")
            let page = try await browser.get("/web/reports/INC-000003")
            #expect(page.text.contains("action=\"/web/reports/INC-000003/review\""))

            #expect(try await browser.post("/web/reports/INC-000003/review", [("decision", "approve")]).status == .forbidden)
            #expect(try await browser.post("/web/reports/INC-000003/review", [("csrf", String(repeating: "0", count: 64)), ("decision", "approve")]).status == .forbidden)
            #expect(await fixture.reviews.isEmpty)

            let response = try await browser.submit(from: "/web/reports/INC-000003", to: "/web/reports/INC-000003/review", [("decision", "approve"), ("comment", "")])
            #expect(response.status == .seeOther)
            #expect(response.location == "/web/reports/INC-000003")
            let review = try #require(await fixture.reviews.last)
            #expect(review == WebFixture.Review(id: IncidentNumber(3), approve: true, comment: "", actor: PostmortemActor(actor: "web:zhao.lei", person: "zhao.lei")))
            let after = try await browser.get("/web/reports/INC-000003").text
            #expect(after.contains(String(repeating: "cd", count: 32)))
            #expect(!after.contains("name=\"decision\""), "nothing left to review")

            let again = try await browser.post("/web/reports/INC-000003/review", [("csrf", try #require(WebBrowser.csrf(in: after))), ("decision", "approve")])
            #expect(again.status == .conflict, "approved already")
            #expect(again.text.contains("it has not been submitted"))
        }
    }

    @Test("sending a report back needs a comment, which is kept")
    func reviewerRejects() async throws {
        try await withWebServer { browser, fixture in
            try await browser.signIn("zhao.lei")
            let empty = try await browser.submit(from: "/web/reports/INC-000006", to: "/web/reports/INC-000006/review", [("decision", "reject"), ("comment", "  ")])
            #expect(empty.status == .unprocessableContent)
            #expect(empty.text.contains("Sending a report back needs a comment"))
            #expect(await fixture.reviews.isEmpty)

            let comment = "请补充预防措施 <i>细节</i>"
            let response = try await browser.submit(from: "/web/reports/INC-000006", to: "/web/reports/INC-000006/review", [("decision", "reject"), ("comment", comment)])
            #expect(response.status == .seeOther)
            #expect(await fixture.reviews.last?.approve == false)
            #expect(await fixture.reviews.last?.comment == comment)
            let html = try await browser.get("/web/reports/INC-000006").text
            #expect(html.contains("请补充预防措施 &lt;i&gt;细节&lt;/i&gt;"))
            #expect(html.contains("退回 sent back"))
        }
    }

    @Test("the owner edits and submits; an incomplete report is refused with 422 and the reason")
    func ownerWrites() async throws {
        try await withWebServer { browser, fixture in
            try await browser.signIn("li.na")
            let page = try await browser.get("/web/reports/INC-000002")
            #expect(page.text.contains("action=\"/web/reports/INC-000002/edit\""))
            #expect(page.text.contains("连接池耗尽 &lt;script&gt;"), "the textarea holds the section escaped")

            let incomplete = try await browser.submit(from: "/web/reports/INC-000002", to: "/web/reports/INC-000002/submit", [])
            #expect(incomplete.status == .unprocessableContent)
            #expect(incomplete.text.contains("the report is not complete"))

            let sections = [("cause", "连接池耗尽"), ("fix", "扩大连接池"), ("process", "10:05 发现\r\n10:20 恢复"), ("prevention", "增加告警")]
            let saved = try await browser.submit(from: "/web/reports/INC-000002", to: "/web/reports/INC-000002/edit", sections)
            #expect(saved.status == .seeOther)
            #expect(saved.location == "/web/reports/INC-000002")
            let written = try #require(await fixture.saved.last)
            #expect(written.1 == PostmortemSections(cause: "连接池耗尽", fix: "扩大连接池", process: "10:05 发现\n10:20 恢复", prevention: "增加告警"))
            #expect(written.2 == PostmortemActor(actor: "web:li.na", person: "li.na"))

            let submitted = try await browser.submit(from: "/web/reports/INC-000002", to: "/web/reports/INC-000002/submit", [])
            #expect(submitted.status == .seeOther)
            #expect(await fixture.submitted == [IncidentNumber(2)])
            #expect(!(try await browser.get("/web/reports/INC-000002").text.contains("/edit\"")), "a submitted report is no longer edited")
        }
    }

    @Test("the edit form carries the text it was opened on; a save over a later save is refused with 409")
    func editConflict() async throws {
        try await withWebServer { browser, fixture in
            try await browser.signIn("li.na")
            let page = try await browser.get("/web/reports/INC-000002")
            #expect(page.text.contains("name=\"base_cause\" value=\"连接池耗尽 &lt;script&gt;"), "the stored text rides along, escaped")
            let token = try #require(try await browser.csrfToken(on: "/web/reports/INC-000002"))
            let stale = [("csrf", token), ("cause", "我的新原因"), ("fix", ""), ("process", ""), ("prevention", ""),
                         ("base_cause", "an older text"), ("base_fix", ""), ("base_process", ""), ("base_prevention", "")]
            let refused = try await browser.post("/web/reports/INC-000002/edit", stale)
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("changed by someone else"))
            #expect(refused.text.contains("我的新原因"), "the typed text is shown again, not lost")
            #expect(await fixture.saved.isEmpty)
        }
    }

    @Test("an engineer may not change someone else's report")
    func notTheOwner() async throws {
        try await withWebServer { browser, fixture in
            try await browser.signIn("chen.gang")
            let token = try #require(try await browser.csrfToken(on: "/web"))
            let edit = try await browser.post("/web/reports/INC-000002/edit", [("csrf", token), ("cause", "x")])
            #expect(edit.status == .forbidden)
            let submit = try await browser.post("/web/reports/INC-000002/submit", [("csrf", token)])
            #expect(submit.status == .forbidden)
            let review = try await browser.post("/web/reports/INC-000006/review", [("csrf", token), ("decision", "approve")])
            #expect(review.status == .forbidden)
            #expect(await fixture.saved.isEmpty)
            #expect(await fixture.submitted.isEmpty)
            #expect(await fixture.reviews.isEmpty)
        }
    }
}
