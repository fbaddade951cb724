import Synchronization
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import OncallWeb

@Suite("Signing in to the web view")
struct SignInTests {
    @Test("pages send strangers to the sign-in form and form posts are refused with 401")
    func pagesNeedSignIn() async throws {
        try await withWebServer { browser, fixture in
            for (path, next) in [("/web", "%2Fweb"), ("/web/archive?q=%E7%99%BB%E5%BD%95&level=1", "%2Fweb%2Farchive%3Fq%3D%25E7%2599%25BB%25E5%25BD%2595%26level%3D1"),
                                 ("/web/reports/INC-000002", "%2Fweb%2Freports%2FINC-000002"), ("/web/stats", "%2Fweb%2Fstats")] {
                let response = try await browser.get(path)
                #expect(response.status == .seeOther, "\(path)")
                #expect(response.location == "/web/login?next=\(next)", "\(path)")
            }
            for path in ["/web/reports/INC-000003/review", "/web/reports/INC-000002/edit", "/web/reports/INC-000002/submit", "/web/logout"] {
                let response = try await browser.post(path, [("decision", "approve"), ("comment", "ok")])
                #expect(response.status == .unauthorized, "\(path)")
            }
            #expect(await fixture.reviews.isEmpty)
            let login = try await browser.get("/web/login?next=%2Fweb%2Fstats")
            #expect(login.status == .ok)
            #expect(login.text.contains("name=\"next\" value=\"/web/stats\""))
            #expect(login.setCookie("oncalld_login")?.contains("HttpOnly; SameSite=Strict") == true)
        }
    }

    @Test("signing in sets a session cookie that is HttpOnly, SameSite=Strict, scoped to /web, Secure when asked")
    func sessionCookie() async throws {
        try await withWebServer { browser, _ in
            let response = try await browser.signIn("wang.min", next: "/web/stats")
            #expect(response.status == .seeOther)
            #expect(response.location == "/web/stats")
            let cookie = try #require(response.setCookie("oncalld_session"))
            #expect(cookie.wholeMatch(of: /oncalld_session=[0-9a-f]{64}; Path=\/web; Max-Age=3600; HttpOnly; SameSite=Strict/) != nil, "\(cookie)")
            #expect(try await browser.get("/web").status == .ok)

            let proxied = try await WebBrowser(browser.client).signIn("wang.min", headers: [.xForwardedProto: "https"])
            #expect(proxied.setCookie("oncalld_session")?.hasSuffix("; Secure") == true)
        }
        try await withWebServer(secureCookies: .always) { browser, _ in
            let response = try await browser.signIn("li.na")
            #expect(response.setCookie("oncalld_session")?.hasSuffix("; Secure") == true)
        }
    }

    @Test("an unknown login and a wrong password get the same answer and no session")
    func sameRefusal() async throws {
        try await withWebServer { browser, _ in
            let wrong = try await browser.signIn("wang.min", password: "not it")
            let unknown = try await browser.signIn("nobody", password: "not it")
            #expect(wrong.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            for response in [wrong, unknown] {
                #expect(response.text.contains(WebRoutes.refusedMessage))
                #expect(response.setCookie("oncalld_session") == nil)
            }
            #expect(try await browser.get("/web").status == .seeOther)
        }
    }

    @Test("five failures lock the login for a while, even with the right password; other logins are not affected")
    func lockout() async throws {
        let clock = TestClock(WebFixture.now)
        try await withWebServer(now: { clock.now }) { browser, _ in
            for _ in 0..<LoginThrottle.maxFailures {
                #expect(try await browser.signIn("wang.min", password: "guess").status == .unauthorized)
            }
            let locked = try await browser.signIn("wang.min")
            #expect(locked.status == .tooManyRequests)
            #expect(locked.text.contains("Too many failed sign-ins"))
            #expect(locked.setCookie("oncalld_session") == nil)
            #expect(try await browser.signIn("li.na").status == .seeOther)

            clock.advance(by: LoginThrottle.lockout + 1)
            #expect(try await browser.signIn("wang.min").status == .seeOther)
        }
    }

    @Test("the sign-in form is refused without its CSRF cookie")
    func loginCSRF() async throws {
        try await withWebServer { browser, _ in
            let form = try await browser.get("/web/login")
            let token = try #require(WebBrowser.csrf(in: form.text))
            await browser.forget("oncalld_login")
            let response = try await browser.post("/web/login", [("csrf", token), ("login", "wang.min"), ("password", WebFixture.passwords["wang.min"]!)])
            #expect(response.status == .forbidden)
            #expect(response.setCookie("oncalld_session") == nil)
        }
    }

    @Test("after signing in only paths of the web view are followed")
    func nextStaysOnSite() async throws {
        try await withWebServer { browser, _ in
            for next in ["https://evil.example/", "//evil.example/web", "/web/../../x\\y", "/api/v1", "javascript:alert(1)"] {
                let response = try await browser.signIn("wang.min", next: next)
                #expect(response.location == "/web", "\(next)")
            }
            #expect(try await browser.signIn("wang.min", next: "/web/incidents/INC-000001").location == "/web/incidents/INC-000001")
        }
    }

    @Test("signing out ends the session on the server, and needs the CSRF token")
    func logout() async throws {
        try await withWebServer { browser, _ in
            try await browser.signIn("wang.min")
            let session = try #require(await browser.cookies["oncalld_session"])
            #expect(try await browser.post("/web/logout", []).status == .forbidden)
            #expect(try await browser.get("/web").status == .ok)

            let response = try await browser.submit(from: "/web", to: "/web/logout", [])
            #expect(response.status == .seeOther)
            #expect(response.location == "/web/login")
            #expect(response.setCookie("oncalld_session")?.contains("Max-Age=0") == true)

            await browser.setCookie("oncalld_session", session)  // a copy of the old cookie is worth nothing now
            #expect(try await browser.get("/web").status == .seeOther)
        }
    }

    @Test("a session ends when its lifetime is over")
    func expiry() async throws {
        let clock = TestClock(WebFixture.now)
        try await withWebServer(now: { clock.now }) { browser, _ in
            try await browser.signIn("wang.min")
            #expect(try await browser.get("/web").status == .ok)
            clock.advance(by: 3_601)
            #expect(try await browser.get("/web").status == .seeOther)
        }
    }

    @Test("password hashes are salted bcrypt and verify only the right password")
    func hashing() async throws {
        let first = PasswordHasher.hash("口令", cost: 4)
        let second = PasswordHasher.hash("口令", cost: 4)
        #expect(first.hasPrefix("$2b$04$"))
        #expect(first != second)
        #expect(PasswordHasher.cost(of: first) == 4)
        #expect(await PasswordHasher.verify("口令", against: first, decoyCost: 4))
        #expect(await !PasswordHasher.verify("口令x", against: first, decoyCost: 4))
        #expect(await !PasswordHasher.verify("口令", against: nil, decoyCost: 4))
    }
}

/// A clock the tests move by hand.
final class TestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date) { current = Mutex(start) }

    var now: Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) { current.withLock { $0 += seconds } }
}
