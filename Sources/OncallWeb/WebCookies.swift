import Foundation
import Hummingbird

/// The two cookies of the web view: the session, and the login form's CSRF token (checked by
/// double submit, as there is no session yet to tie it to).
struct WebCookies: Sendable {
    static let session = "oncalld_session"
    static let loginCSRF = "oncalld_login"

    let security: WebCookieSecurity

    func session(_ token: String, maxAge: Duration, request: Request) -> String {
        cookie(Self.session, token, path: "/web", maxAge: Int(maxAge.timeInterval), request: request)
    }

    func endSession(request: Request) -> String {
        cookie(Self.session, "", path: "/web", maxAge: 0, request: request)
    }

    func loginCSRF(_ token: String, request: Request) -> String {
        cookie(Self.loginCSRF, token, path: "/web/login", maxAge: 3600, request: request)
    }

    func endLoginCSRF(request: Request) -> String {
        cookie(Self.loginCSRF, "", path: "/web/login", maxAge: 0, request: request)
    }

    static func value(_ name: String, in request: Request) -> String? {
        request.cookies[name]?.value
    }

    private func cookie(_ name: String, _ value: String, path: String, maxAge: Int, request: Request) -> String {
        var text = "\(name)=\(value); Path=\(path); Max-Age=\(maxAge); HttpOnly; SameSite=Strict"
        if secure(request) { text += "; Secure" }
        return text
    }

    private func secure(_ request: Request) -> Bool {
        switch security {
        case .always: true
        case .never: false
        case .auto:
            request.headers[.xForwardedProto]?.split(separator: ",").first?
                .trimmingCharacters(in: .whitespaces).lowercased() == "https"
        }
    }
}
