import Foundation
import Hummingbird
import HummingbirdTesting
import OncallHTTP
import OncallSupport
@testable import OncallWeb

/// A browser for the tests: keeps the cookies the server sets and sends them back, as a browser does.
actor WebBrowser {
    let client: any TestClientProtocol
    private(set) var cookies: [String: String] = [:]

    init(_ client: any TestClientProtocol) {
        self.client = client
    }

    func get(_ path: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await send(path, method: .get, headers: headers, body: nil)
    }

    func post(_ path: String, _ fields: [(String, String)], headers: HTTPFields = [:]) async throws -> TestResponse {
        var headers = headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        let body = fields.map { "\(FormURLEncoding.percentEncoded($0.0))=\(FormURLEncoding.percentEncoded($0.1))" }.joined(separator: "&")
        return try await send(path, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    /// Opens the sign-in form (for its CSRF cookie and field) and signs in, as whoever was signed in before leaves.
    @discardableResult
    func signIn(_ login: String, password: String? = nil, next: String? = nil, headers: HTTPFields = [:]) async throws -> TestResponse {
        forget(WebCookies.session)
        let form = try await get("/web/login")
        var fields = [("csrf", Self.csrf(in: form.text) ?? ""), ("login", login), ("password", password ?? WebFixture.passwords[login] ?? "")]
        if let next { fields.append(("next", next)) }
        return try await post("/web/login", fields, headers: headers)
    }

    /// Loads a page and posts one of its forms with the page's CSRF token and `fields`.
    func submit(from page: String, to action: String, _ fields: [(String, String)]) async throws -> TestResponse {
        let response = try await get(page)
        return try await post(action, [("csrf", Self.csrf(in: response.text) ?? "")] + fields)
    }

    func csrfToken(on page: String) async throws -> String? {
        Self.csrf(in: try await get(page).text)
    }

    func forget(_ name: String) { cookies[name] = nil }

    func setCookie(_ name: String, _ value: String) { cookies[name] = value }

    static func csrf(in html: String) -> String? {
        guard let match = html.firstMatch(of: /name="csrf" value="([0-9a-f]{64})"/) else { return nil }
        return String(match.1)
    }

    private func send(_ path: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> TestResponse {
        var headers = headers
        if !cookies.isEmpty {
            headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        }
        let response = try await client.executeRequest(uri: path, method: method, headers: headers, body: body)
        for line in response.headers[values: .setCookie] {
            let pair = line.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { continue }
            if line.contains("Max-Age=0") { cookies[String(pair[0])] = nil } else { cookies[String(pair[0])] = String(pair[1]) }
        }
        return response
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var location: String? { headers[.location] }
    func setCookie(_ name: String) -> String? { headers[values: .setCookie].first { $0.hasPrefix(name + "=") } }
}

/// Runs `test` against the web routes on the daemon's TCP router type, served on loopback.
func withWebServer<Value: Sendable>(
    _ fixture: WebFixture = WebFixture(), secureCookies: WebCookieSecurity = .auto,
    now: @escaping @Sendable () -> Date = { WebFixture.now },
    _ test: @Sendable (WebBrowser, WebFixture) async throws -> Value
) async throws -> Value {
    let router = Router(context: OncallRequestContext.self)
    WebRoutes(dependencies: await fixture.dependencies(secureCookies: secureCookies, now: now)).register(on: router)
    let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    return try await app.test(.live) { client in
        try await test(WebBrowser(client), fixture)
    }
}
