import Mustache

/// A Mustache template compiled once from a string literal (the daemon ships as a single
/// binary, so templates live in the code). `{{name}}` is HTML-escaped; `{{{name}}}` is only for
/// HTML this module built itself.
struct WebTemplate: Sendable {
    private let template: MustacheTemplate

    init(_ text: String) {
        do {
            template = try MustacheTemplate(string: text)
        } catch {
            preconditionFailure("a web template does not parse: \(error)")
        }
    }

    func render(_ model: Any) -> String {
        template.render(model)
    }
}
