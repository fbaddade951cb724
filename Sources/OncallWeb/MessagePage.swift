/// A short page that says why something was refused or not found.
struct MessagePage {
    let message: String
    let link: String?
    let linkLabel: String?

    init(_ message: String, link: String? = nil, linkLabel: String? = nil) {
        self.message = message
        self.link = link
        self.linkLabel = linkLabel
    }

    func render() -> String { Self.template.render(self) }

    static let template = WebTemplate("""
        <p class="notice" role="alert">{{message}}</p>
        {{#link}}<p><a href="{{link}}">{{linkLabel}}</a></p>{{/link}}
        """)
}
