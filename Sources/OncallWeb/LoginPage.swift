/// The sign-in form.
struct LoginPage {
    let csrf: String
    let next: String?
    let login: String?
    let error: String?

    static let title = "登录 Sign in"

    func render() -> String { Self.template.render(self) }

    static let template = WebTemplate("""
        <div class="login">
        {{#error}}<p class="notice" role="alert">{{error}}</p>{{/error}}
        <form method="post" action="/web/login">
        <input type="hidden" name="csrf" value="{{csrf}}">
        {{#next}}<input type="hidden" name="next" value="{{next}}">{{/next}}
        <p><label>用户名 Login<br><input type="text" name="login" value="{{login}}" autocomplete="username" autocapitalize="none" required autofocus></label></p>
        <p><label>密码 Password<br><input type="password" name="password" autocomplete="current-password" required></label></p>
        <p><button type="submit">登录 Sign in</button></p>
        </form>
        </div>
        """)
}
