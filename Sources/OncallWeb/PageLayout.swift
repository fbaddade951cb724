/// The frame around every page: head, styles, navigation and the sign-out button.
struct PageLayout {
    struct NavLink {
        let href: String
        let label: String
        let current: Bool
    }

    let title: String
    let nav: [NavLink]
    /// The signed-in user's name, nil on the sign-in page.
    let userName: String?
    let csrf: String?
    /// The page's own HTML, already rendered from its template.
    let body: String
    let style = PageStyle.css

    init(title: String, body: String, viewer: WebViewer?, current: String? = nil) {
        self.title = title
        self.body = body
        userName = viewer?.user.displayName
        csrf = viewer?.session.csrfToken
        var links: [(String, String)] = []
        if let viewer {
            links.append(("/web", "未结事件 Open"))
            links.append(("/web/reports", "报告 Reports"))
            if viewer.readsEverything {
                links.append(("/web/archive", "档案 Archive"))
                links.append(("/web/stats", "统计 Statistics"))
            }
            links.append(("/web/requests", "服务请求 Requests"))
            links.append(("/web/releases", "发布 Releases"))
            links.append(("/web/maintenance", "维护 Maintenance"))
            links.append(("/web/heartbeats", "心跳 Heartbeats"))
        }
        nav = links.map { NavLink(href: $0.0, label: $0.1, current: $0.0 == current) }
    }

    func render() -> String { Self.template.render(self) }

    static let template = WebTemplate("""
        <!doctype html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · oncalld</title>
        <style>
        {{{style}}}
        </style>
        </head>
        <body>
        <header><nav>
        <a class="brand" href="/web">oncalld</a>
        {{#nav}}<a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a>
        {{/nav}}
        {{#userName}}<span class="who">{{userName}}</span>
        <form class="inline" method="post" action="/web/logout"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">退出 Sign out</button></form>
        {{/userName}}
        </nav></header>
        <main>
        <h1>{{title}}</h1>
        {{{body}}}
        </main>
        </body>
        </html>
        """)
}
