/// `PUT /v1/incidents/{id}/postmortem`: the edited report. `markdown` is the whole document as
/// `oncallctl postmortem edit` saved it (only its four sections are kept); or give `sections`.
/// `base`, with `markdown`: the document as fetched before editing; if the report was saved since
/// (its sections differ from those in `base`), the edit is refused with 409 `edit_conflict`.
public struct PostmortemEditRequest: StrictDecodable, Encodable, Sendable {
    public var markdown: String?
    public var sections: SectionsDTO?
    public var base: String?
    public static let allowedKeys: Set<String> = ["markdown", "sections", "base"]

    public init(markdown: String? = nil, sections: SectionsDTO? = nil, base: String? = nil) {
        self.markdown = markdown
        self.sections = sections
        self.base = base
    }
}

/// The four written sections on the wire.
public struct SectionsDTO: Codable, Sendable, Equatable {
    public var cause: String
    public var fix: String
    public var process: String
    public var prevention: String

    public init(cause: String, fix: String, process: String, prevention: String) {
        self.cause = cause
        self.fix = fix
        self.process = process
        self.prevention = prevention
    }
}

/// `POST /v1/incidents/{id}/postmortem/review`: approve, or send back with a comment.
public struct PostmortemReviewRequest: StrictDecodable, Encodable, Sendable {
    public var approve: Bool
    public var comment: String?
    public static let allowedKeys: Set<String> = ["approve", "comment"]

    public init(approve: Bool, comment: String? = nil) {
        self.approve = approve
        self.comment = comment
    }
}
