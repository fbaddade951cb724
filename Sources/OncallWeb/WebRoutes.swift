import Foundation
import Hummingbird
import Logging
import OncallCore
import OncallSupport

/// The managers' web view under `/web`: sign-in, open incidents, incident pages, the archive,
/// fault reports with their review, statistics, service requests and release windows,
/// maintenance windows and heartbeats. It authenticates by itself (a session cookie
/// after a password sign-in), so it is registered outside any API-token group.
public struct WebRoutes: Sendable {
    let dependencies: WebDependencies
    let sessions = SessionStore()
    let throttle = LoginThrottle()
    let cookies: WebCookies
    let format: DisplayFormat
    /// Forms are small; a report's four sections fit well within this.
    static let maxFormBytes = 1 << 20

    public init(dependencies: WebDependencies) {
        self.dependencies = dependencies
        cookies = WebCookies(security: dependencies.secureCookies)
        format = DisplayFormat(timeZone: dependencies.timeZone)
    }

    public func register<Context: RequestContext>(on router: some RouterMethods<Context>) {
        router.get("/web/login") { request, _ in loginForm(request, next: NextPath.validated(FormFields(request.uri.query)["next"])) }
        router.post("/web/login") { request, context in await signIn(request, logger: context.logger) }
        router.post("/web/logout") { request, context in
            await action(request, context) { _, _ in
                if let token = WebCookies.value(WebCookies.session, in: request) { sessions.remove(token) }
                return WebResponse.redirect(to: "/web/login", cookies: [cookies.endSession(request: request)])
            }
        }
        router.get("/web") { request, context in
            await page(request, context) { viewer in try await openIncidents(viewer) }
        }
        router.get("/web/incidents/:id") { request, context in
            await page(request, context) { viewer in try await incident(context.parameters.get("id"), viewer) }
        }
        router.get("/web/archive") { request, context in
            await page(request, context) { viewer in try await archive(FormFields(request.uri.query), viewer) }
        }
        router.get("/web/stats") { request, context in
            await page(request, context) { viewer in try await statistics(FormFields(request.uri.query), viewer) }
        }
        router.get("/web/reports") { request, context in
            await page(request, context) { viewer in try await reportList(FormFields(request.uri.query), viewer) }
        }
        router.get("/web/reports/:id") { request, context in
            await page(request, context) { viewer in try await report(context.parameters.get("id"), viewer) }
        }
        router.post("/web/reports/:id/edit") { request, context in
            await action(request, context) { viewer, form in try await edit(context.parameters.get("id"), form, viewer, context.logger) }
        }
        router.post("/web/reports/:id/submit") { request, context in
            await action(request, context) { viewer, _ in try await submit(context.parameters.get("id"), viewer, context.logger) }
        }
        router.post("/web/reports/:id/review") { request, context in
            await action(request, context) { viewer, form in try await review(context.parameters.get("id"), form, viewer, context.logger) }
        }
        router.get("/web/requests") { request, context in
            await page(request, context) { viewer in try await requestList(FormFields(request.uri.query), viewer) }
        }
        router.get("/web/requests/:number") { request, context in
            await page(request, context) { viewer in try await serviceRequest(context.parameters.get("number"), viewer) }
        }
        router.get("/web/releases") { request, context in
            await page(request, context) { viewer in try await releases(viewer) }
        }
        router.get("/web/maintenance") { request, context in
            await page(request, context) { viewer in try await maintenance(viewer) }
        }
        router.get("/web/heartbeats") { request, context in
            await page(request, context) { viewer in try await heartbeats(viewer) }
        }
        // Any other page under /web: an HTML answer (after sign-in), not the API's JSON 404.
        router.get("/web/**") { request, context in
            await page(request, context) { viewer in notFound("没有这个页面。There is no such page.", viewer) }
        }
    }

    // MARK: - The gate every page and form passes

    /// The signed-in user of a request, nil when the cookie is missing, unknown, expired, or its
    /// user is gone or has a new password since signing in.
    func viewer(_ request: Request) -> WebViewer? {
        guard let token = WebCookies.value(WebCookies.session, in: request),
              let session = sessions.session(for: token, now: dependencies.now()),
              let user = dependencies.users().first(where: { $0.login == session.login }),
              user.passwordHash == session.passwordHash
        else { return nil }
        return WebViewer(user: user, session: session, isReviewer: user.person.map(dependencies.reviewers().contains) ?? false)
    }

    /// A page for signed-in users: others are sent to sign in and brought back afterwards.
    func page<Context: RequestContext>(
        _ request: Request, _ context: Context, _ render: (WebViewer) async throws -> Response
    ) async -> Response {
        guard let viewer = viewer(request) else {
            var path = request.uri.path
            if let query = request.uri.query, !query.isEmpty { path += "?" + query }
            let next = NextPath.validated(path).map { "?next=" + FormURLEncoding.percentEncoded($0) } ?? ""
            return WebResponse.redirect(to: "/web/login" + next)
        }
        do {
            return try await render(viewer)
        } catch {
            return failed(error, request, context.logger, viewer)
        }
    }

    /// A form post from a signed-in user that carries the session's CSRF token.
    func action<Context: RequestContext>(
        _ request: Request, _ context: Context, _ perform: (WebViewer, FormFields) async throws -> Response
    ) async -> Response {
        guard let viewer = viewer(request) else {
            return message("请先登录。Please sign in first.", status: .unauthorized, viewer: nil, link: "/web/login", linkLabel: "登录 Sign in")
        }
        let form: FormFields
        do {
            form = try await formFields(request)
        } catch {
            return message("表单太大。The form is too large.", status: .contentTooLarge, viewer: viewer)
        }
        guard RandomToken.equal(form["csrf"] ?? "", viewer.session.csrfToken) else {
            context.logger.warning("web form refused: CSRF token missing or wrong", metadata: ["http.path": "\(request.uri.path)", "web.login": "\(viewer.user.login)"])
            return message("表单已过期，请刷新页面后重试。The form has expired or did not come from this site; reload the page and try again.",
                           status: .forbidden, viewer: viewer)
        }
        do {
            return try await perform(viewer, form)
        } catch {
            return failed(error, request, context.logger, viewer)
        }
    }

    func formFields(_ request: Request) async throws -> FormFields {
        var request = request
        let body = try await request.collectBody(upTo: Self.maxFormBytes)
        return FormFields(String(decoding: body.readableBytesView, as: UTF8.self))
    }

    // MARK: - Answers shared by the pages

    func html(_ title: String, _ body: String, viewer: WebViewer?, current: String? = nil, status: HTTPResponse.Status = .ok, cookies: [String] = []) -> Response {
        WebResponse.html(PageLayout(title: title, body: body, viewer: viewer, current: current).render(), status: status, cookies: cookies)
    }

    func message(
        _ text: String, status: HTTPResponse.Status, viewer: WebViewer?, link: String? = "/web", linkLabel: String? = "返回 Back to open incidents"
    ) -> Response {
        let title = status.code == 404 ? "未找到 Not found" : status.code == 403 ? "无权访问 Forbidden" : status.code == 401 ? "需要登录 Sign-in needed" : "出错了 Something went wrong"
        return html(title, MessagePage(text, link: link, linkLabel: linkLabel).render(), viewer: viewer, status: status)
    }

    func forbidden(_ viewer: WebViewer) -> Response {
        message("你的账号不能查看此页。Your account may not see this page.", status: .forbidden, viewer: viewer)
    }

    func notFound(_ what: String, _ viewer: WebViewer) -> Response {
        message(what, status: .notFound, viewer: viewer)
    }

    private func failed(_ error: any Error, _ request: Request, _ logger: Logger, _ viewer: WebViewer?) -> Response {
        logger.error("web page failed", metadata: ["error": "\(error)", "http.path": "\(request.uri.path)"])
        return message("服务器出错，请稍后再试。Internal error; see the daemon's log.", status: .internalServerError, viewer: viewer)
    }

    /// The `{id}` path parameter as an incident number.
    func incidentNumber(_ text: String?) -> IncidentNumber? {
        text.flatMap(IncidentNumber.init)
    }
}
