import OncallCore

/// A configured hint for classifying a mail report by the words it contains.
///
/// Reporters rarely fill in a scope, but their words often say it ("全部门店无法下单",
/// "all stores"), so operators list such phrases here. Rules are tried in order.
public struct KeywordRule: Sendable, Equatable {
    /// Phrases matched case-insensitively as substrings of the subject and the body; any one matches.
    public var keywords: [String]
    /// The scope a match implies; nil when the rule only names a service.
    public var scope: Scope?
    /// The service a match implies, used only when neither the form nor the plus-address tag names one.
    public var service: String?

    /// A rule from its parts.
    public init(keywords: [String], scope: Scope? = nil, service: String? = nil) {
        self.keywords = keywords
        self.scope = scope
        self.service = service
    }

    /// Whether any keyword occurs in `text`. Empty keywords never match: a stray empty string in
    /// the config would otherwise match every message.
    func matches(_ text: String) -> Bool {
        keywords.contains { keyword in
            let keyword = keyword.intakeTrimmed
            return !keyword.isEmpty && text.range(of: keyword, options: [.caseInsensitive]) != nil
        }
    }
}
