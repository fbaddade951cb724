import Foundation
import OncallAPI
import OncallCurl
import Testing

/// Issue 6, the web view on the real daemon's TCP listener: sign-in with a bcrypt hash made by
/// `oncalld --hash-password`, the archive found by a Chinese search, review with CSRF by the
/// emergency group only, statistics with a chart. Issue 13: service requests submitted and stepped
/// with `oncallctl`, read on their pages, with the release calendar, maintenance windows and heartbeats.
extension EndToEnd {
@Suite("the web view through the real daemon")
struct WebViewEndToEndTests {
    /// A cookie jar of one: the web view sets at most a login-form cookie and a session cookie.
    final class Browser: @unchecked Sendable {
        let base: String
        var cookies: [String: String] = [:]
        init(base: String) { self.base = base }

        func send(_ method: String, _ path: String, form: [(String, String)]? = nil) async throws -> CurlResponse {
            var headers: [(String, String)] = []
            if !cookies.isEmpty { headers.append(("Cookie", cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))) }
            var body: Data?
            if let form {
                headers.append(("Content-Type", "application/x-www-form-urlencoded"))
                body = Data(form.map { "\($0.0)=\(Self.encode($0.1))" }.joined(separator: "&").utf8)
            }
            let response = try await performDetached(CurlRequest(
                method: method, url: base + path, headers: headers, body: body, timeout: .seconds(10), connectTimeout: .seconds(5)))
            for (name, value) in response.headers where name.lowercased() == "set-cookie" {
                let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
                if pair.count == 2 { cookies[pair[0]] = pair[1].isEmpty ? nil : pair[1] }
            }
            return response
        }

        static func encode(_ text: String) -> String {
            text.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"))!
        }

        /// The `csrf` hidden field of the page.
        static func csrf(in page: String) -> String? {
            guard let range = page.range(of: #"name="csrf" value=""#) else { return nil }
            return String(page[range.upperBound...].prefix { $0 != "\"" })
        }

        func signIn(_ login: String, _ password: String) async throws -> CurlResponse {
            let form = try await send("GET", "/web/login")
            let token = try #require(Self.csrf(in: form.text), "no csrf field in \(form.text)")
            return try await send("POST", "/web/login", form: [("login", login), ("password", password), ("csrf", token)])
        }
    }

    @Test("sign-in required; a manager reads the archive and statistics but cannot review; the emergency group approves with CSRF")
    func webView() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        let hashed = try await ChildProcess.run("/bin/sh", ["-c", "printf 'correct horse 電池\\n' | '\(Binaries.oncalld)' --hash-password --cost 10"])
        #expect(hashed.status == 0, "\(hashed)")
        let hash = hashed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(hash.hasPrefix("$2b$10$") && hash.count == 60, "\(hash)")
        try sandbox.writeConfig(PostmortemEndToEndTests.config(sandbox, extra: [
            "web:",
            "  users:",
            "    - {login: wang, name: 王敏, role: manager, password_hash: '\(hash)'}",
            "    - {login: chen, person: chen.jie, role: manager, password_hash: '\(hash)'}",
        ]))
        _ = try await sandbox.startDaemon()
        let id = try await sandbox.report(ReportRequest(subject: "用户登录超时", organisation: "华东区客服中心", reporter: "王芳", scope: .part)).id
        let json = { (value: [String: Any]) in try JSONSerialization.data(withJSONObject: value) }
        _ = try await sandbox.request("POST", "/v1/incidents/\(id)/resolve", body: json(["summary": "重启缓存集群"]))
        let sections = ["cause": "缓存<script>alert(1)</script>内存耗尽", "fix": "扩容", "process": "10:05 发现", "prevention": "告警"]
        _ = try await sandbox.request("PUT", "/v1/incidents/\(id)/postmortem", body: json(["sections": sections]))
        #expect(try await sandbox.request("POST", "/v1/incidents/\(id)/postmortem/submit", body: Data("{}".utf8)).status == 200)

        let manager = Browser(base: sandbox.tcpBase)
        let anonymous = try await manager.send("GET", "/web/archive?q=%E7%99%BB%E5%BD%95")
        #expect(anonymous.status == 303 && anonymous.header("Location")?.hasPrefix("/web/login") == true, "\(anonymous.status) \(anonymous.headers)")
        #expect(try await manager.signIn("wang", "wrong password").status == 401)
        let signedIn = try await manager.signIn("wang", "correct horse 電池")
        #expect(signedIn.status == 303, "\(signedIn.status) \(signedIn.text)\n\(sandbox.logs)")
        let cookie = signedIn.headers.first { $0.0.lowercased() == "set-cookie" && $0.1.hasPrefix("oncalld_session=") }?.1 ?? ""
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "\(cookie)")
        #expect(!sandbox.logs.contains(hash), "the password hash is never logged")

        let archive = try await manager.send("GET", "/web/archive?q=%E7%99%BB%E5%BD%95")  // 登录
        #expect(archive.status == 200, "\(archive.text)")
        #expect(archive.header("Content-Type")?.contains("charset=utf-8") == true)
        #expect(archive.text.contains("用户登录超时") && archive.text.contains("<mark>"), "\(archive.text)")
        let report = try await manager.send("GET", "/web/reports/\(id)")
        #expect(report.status == 200)
        #expect(report.text.contains("&lt;script&gt;") && !report.text.contains("<script>alert"), "user text is escaped")
        let missing = try await manager.send("GET", "/web/no/such/page")
        #expect(missing.status == 404 && missing.header("Content-Type")?.hasPrefix("text/html") == true, "\(missing.status) \(missing.text)")
        let stats = try await manager.send("GET", "/web/stats")
        #expect(stats.status == 200 && stats.text.contains("<svg"), "\(stats.text)")
        let managerReview = try await manager.send("POST", "/web/reports/\(id)/review", form: [
            ("csrf", Browser.csrf(in: report.text) ?? ""), ("decision", "approve"), ("comment", ""),
        ])
        #expect(managerReview.status == 403, "a manager outside the emergency group may not review: \(managerReview.status)")

        let reviewer = Browser(base: sandbox.tcpBase)
        #expect(try await reviewer.signIn("chen", "correct horse 電池").status == 303)
        let waiting = try await reviewer.send("GET", "/web/reports")
        #expect(waiting.status == 200 && waiting.text.contains("待审核") && waiting.text.contains("用户登录超时"), "\(waiting.text)")
        let page = try await reviewer.send("GET", "/web/reports/\(id)")
        let token = try #require(Browser.csrf(in: page.text), "the reviewer sees the review form")
        let forged = try await reviewer.send("POST", "/web/reports/\(id)/review", form: [("csrf", "forged"), ("decision", "approve")])
        #expect(forged.status == 403, "a POST without the session's CSRF token is refused")
        let approved = try await reviewer.send("POST", "/web/reports/\(id)/review", form: [("csrf", token), ("decision", "approve"), ("comment", "")])
        #expect(approved.status == 303, "\(approved.status) \(approved.text)")
        let stored = try await sandbox.request("GET", "/v1/incidents/\(id)/postmortem").decode(PostmortemDTO.self)
        #expect(stored.state == "approved" && stored.approvedBy == "chen.jie", "\(stored)")

        let loggedOut = try await reviewer.send("POST", "/web/logout", form: [("csrf", token)])
        #expect(loggedOut.status == 303)
        #expect(try await reviewer.send("GET", "/web").status == 303, "signed out")
    }

    @Test("a request submitted and stepped with oncallctl shows on /web/requests and its own page, escaped; releases, maintenance and heartbeats too")
    func serviceRequests() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        let hashed = try await ChildProcess.run("/bin/sh", ["-c", "printf 'correct horse 電池\\n' | '\(Binaries.oncalld)' --hash-password --cost 10"])
        #expect(hashed.status == 0, "\(hashed)")
        let hash = hashed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try sandbox.writeConfig(PostmortemEndToEndTests.config(sandbox, extra: [
            "heartbeats:",
            "  - {name: nightly-backup, interval: 1h, grace: 10m, level: 3}",
            "web:",
            "  users:",
            "    - {login: wang, name: 王敏, role: manager, password_hash: '\(hash)'}",
        ]))
        _ = try await sandbox.startDaemon()
        let ctl = { (arguments: [String]) in try await oncallctl(["--socket", sandbox.socketPath] + arguments) }
        let subject = "拣货单 <script>alert(1)</script> 乱码"
        let submitted = try await ctl(["request", "new", "bug_report", "--subject", subject, "--organisation", "仓储中心", "--requester", "李雷"])
        #expect(submitted.status == 0, "\(submitted)")
        let number = submitted.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let stepped = try await ctl(["request", "step", number, "decided", "--note", "3.2.1 <b>修复</b>"])
        #expect(stepped.status == 0, "\(stepped)")
        let window = try await ctl(["maintenance", "add", "--service", "WMS", "--for", "1h", "--reason", "WMS 升级"])
        #expect(window.status == 0, "\(window)")

        let browser = Browser(base: sandbox.tcpBase)
        let anonymous = try await browser.send("GET", "/web/requests")
        #expect(anonymous.status == 303 && anonymous.header("Location") == "/web/login?next=%2Fweb%2Frequests", "\(anonymous.status) \(anonymous.headers)")
        #expect(try await browser.signIn("wang", "correct horse 電池").status == 303)

        let list = try await browser.send("GET", "/web/requests")
        #expect(list.status == 200 && list.header("Content-Type")?.contains("charset=utf-8") == true, "\(list.status)")
        #expect(list.text.contains("href=\"/web/requests/\(number)\""), "\(list.text)")
        #expect(list.text.contains("拣货单 &lt;script&gt;alert(1)&lt;/script&gt; 乱码") && !list.text.contains("<script>alert"), "\(list.text)")
        #expect(list.text.contains("缺陷 bug report") && list.text.contains("zhang.wei"), "\(list.text)")
        #expect(list.text.contains("<td>缺陷 bug report</td>") && list.text.contains("100%"), "the decision was kept: \(list.text)")
        let filtered = try await browser.send("GET", "/web/requests?state=closed")
        #expect(filtered.status == 200 && !filtered.text.contains(number), "an open request is not closed")

        let page = try await browser.send("GET", "/web/requests/\(number)")
        #expect(page.status == 200, "\(page.status) \(page.text)")
        #expect(page.text.contains("<title>\(number) · 拣货单 &lt;script&gt;"), "\(page.text)")
        #expect(page.text.contains("3.2.1 &lt;b&gt;修复&lt;/b&gt;") && !page.text.contains("<b>修复"), "\(page.text)")
        #expect(page.text.contains("<td>已兑现 kept</td>") && page.text.contains("修复决定 fix decision"), "\(page.text)")
        #expect(page.text.contains("已受理 received") && page.text.contains("已决定 decided"), "\(page.text)")
        #expect(page.text.contains("已交付修复 fix delivered · 已完成 done · 已取消 cancelled"), "next steps: \(page.text)")
        let unknown = try await browser.send("GET", "/web/requests/REQ-000099")
        #expect(unknown.status == 404 && unknown.text.contains("REQ-000099"), "\(unknown.status)")

        let releases = try await browser.send("GET", "/web/releases")
        #expect(releases.status == 200 && (releases.text.contains("周一 Mon") || releases.text.contains("周四 Thu")), "\(releases.text)")
        let maintenance = try await browser.send("GET", "/web/maintenance")
        #expect(maintenance.status == 200 && maintenance.text.contains("MW-1") && maintenance.text.contains("进行中 active")
                && maintenance.text.contains("WMS 升级"), "\(maintenance.text)")
        let heartbeats = try await browser.send("GET", "/web/heartbeats")
        #expect(heartbeats.status == 200 && heartbeats.text.contains("nightly-backup") && heartbeats.text.contains("1h 00m")
                && heartbeats.text.contains("10m"), "\(heartbeats.text)")
    }
}
}
