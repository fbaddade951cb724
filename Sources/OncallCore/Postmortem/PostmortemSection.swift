/// The four parts of a fault report that people write (SPEC.md, response step 5).
public enum PostmortemSection: String, Sendable, Codable, CaseIterable {
    /// 原因: why it happened.
    case cause
    /// 解决方法: what fixed it.
    case fix
    /// 解决经过: how the fix went.
    case process
    /// 预防措施: what will stop it happening again.
    case prevention

    /// The section's Markdown heading text in a report of this language.
    public func heading(_ language: ReportLanguage) -> String {
        switch (self, language) {
        case (.cause, .zh): "原因"
        case (.fix, .zh): "解决方法"
        case (.process, .zh): "解决经过"
        case (.prevention, .zh): "预防措施"
        case (.cause, .en): "Cause"
        case (.fix, .en): "Fix"
        case (.process, .en): "How the fix went"
        case (.prevention, .en): "Prevention"
        }
    }

    /// Both headings, for messages that name a section whatever the report's language.
    public var bilingualName: String { "\(heading(.zh)) (\(heading(.en).lowercased()))" }
}

/// What people wrote in the four sections; an empty string is a section not yet written.
public struct PostmortemSections: Sendable, Equatable, Codable {
    public var cause: String
    public var fix: String
    public var process: String
    public var prevention: String

    public init(cause: String = "", fix: String = "", process: String = "", prevention: String = "") {
        self.cause = cause
        self.fix = fix
        self.process = process
        self.prevention = prevention
    }

    public subscript(section: PostmortemSection) -> String {
        get {
            switch section {
            case .cause: cause
            case .fix: fix
            case .process: process
            case .prevention: prevention
            }
        }
        set {
            switch section {
            case .cause: cause = newValue
            case .fix: fix = newValue
            case .process: process = newValue
            case .prevention: prevention = newValue
            }
        }
    }

    /// Sections still empty (whitespace only), in report order.
    public var missing: [PostmortemSection] {
        PostmortemSection.allCases.filter { self[$0].trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    }
}
