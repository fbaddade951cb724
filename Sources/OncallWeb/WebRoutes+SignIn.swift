import Foundation
import Hummingbird
import Logging

/// Signing in with a login and password.
extension WebRoutes {
    /// One message for an unknown login and a wrong password, so the form does not tell which logins exist.
    static let refusedMessage = "用户名或密码错误。Wrong login or password."

    func loginForm(
        _ request: Request, next: String?, login: String? = nil, error: String? = nil, status: HTTPResponse.Status = .ok
    ) -> Response {
        if error == nil, viewer(request) != nil {
            return WebResponse.redirect(to: next ?? NextPath.home)
        }
        let token = RandomToken.make()
        let form = LoginPage(csrf: token, next: next, login: login, error: error)
        return html(LoginPage.title, form.render(), viewer: nil, status: status, cookies: [cookies.loginCSRF(token, request: request)])
    }

    func signIn(_ request: Request, logger: Logger) async -> Response {
        guard let form = try? await formFields(request) else {
            return loginForm(request, next: nil, error: "表单太大。The form is too large.", status: .contentTooLarge)
        }
        let login = form.trimmed("login") ?? ""
        let next = NextPath.validated(form["next"])
        func again(_ error: String, _ status: HTTPResponse.Status) -> Response {
            loginForm(request, next: next, login: login, error: error, status: status)
        }
        guard let expected = WebCookies.value(WebCookies.loginCSRF, in: request), RandomToken.equal(form["csrf"] ?? "", expected) else {
            return again("登录表单已过期，请重试。The sign-in form expired; please try again.", .forbidden)
        }
        let password = form["password"] ?? ""
        guard !login.isEmpty, !password.isEmpty, login.count <= 200, password.utf8.count <= 1024 else {
            return again(Self.refusedMessage, .unauthorized)
        }
        let now = dependencies.now()
        if let until = throttle.begin(login, now: now) {
            logger.warning("web sign-in refused: locked out", metadata: ["web.login": "\(login)"])
            let minutes = max(1, Int((until.timeIntervalSince(now) / 60).rounded(.up)))
            return again("失败次数过多，请 \(minutes) 分钟后再试。Too many failed sign-ins; try again in \(minutes) minutes.", .tooManyRequests)
        }
        let users = dependencies.users()
        let user = users.first { $0.login == login }
        let decoyCost = users.lazy.compactMap { PasswordHasher.cost(of: $0.passwordHash) }.first ?? 12
        guard await PasswordHasher.verify(password, against: user?.passwordHash, decoyCost: decoyCost), let user else {
            logger.notice("web sign-in refused", metadata: ["web.login": "\(login)"])
            return again(Self.refusedMessage, .unauthorized)
        }
        throttle.succeeded(login)
        if let old = WebCookies.value(WebCookies.session, in: request) { sessions.remove(old) }
        let session = sessions.create(for: user, now: now, lifetime: dependencies.sessionLifetime)
        logger.notice("web sign-in", metadata: ["web.login": "\(user.login)"])
        return WebResponse.redirect(
            to: next ?? NextPath.home,
            cookies: [cookies.session(session.token, maxAge: dependencies.sessionLifetime, request: request), cookies.endLoginCSRF(request: request)])
    }
}
