import OncallCore

/// The request tag in a subject: `[REQ:bug_report]` or `[需求:new_requirement]`, in square or
/// full-width brackets (`【REQ：software_upgrade】`), with an ASCII or full-width colon; the kind
/// is one of `RequestKind.mailKinds`, in any case, `-` read as `_`.
///
/// Only a bracketed head of `REQ` or `需求` followed by a colon is a tag, so `[REQ-000042]` (a
/// request number) and prose mentioning requests are not.
enum RequestSubjectTag {
    /// What a subject's first request tag says.
    enum Reading: Equatable {
        /// A known kind, and the subject without the tag.
        case kind(RequestKind, subject: String)
        /// A tag whose kind is not one a mail may ask for; `tag` as written.
        case unknown(tag: String)
    }

    static let heads = ["REQ", "需求"]

    /// The first request tag in `subject`, or nil when there is none.
    static func read(_ subject: String) -> Reading? {
        let characters = Array(subject)
        for (index, end, inside) in SubjectLine.brackets(in: characters, within: 64) {
            guard let colon = inside.firstIndex(where: { $0 == ":" || $0 == "：" }) else { continue }
            let head = inside[..<colon].intakeTrimmed.uppercased()
            guard heads.contains(head) else { continue }
            let name = inside[inside.index(after: colon)...].intakeTrimmed.lowercased().replacingOccurrences(of: "-", with: "_")
            guard let kind = RequestKind(rawValue: name), RequestKind.mailKinds.contains(kind) else {
                return .unknown(tag: String(characters[index...end]))
            }
            let rest = String(characters[..<index]) + " " + String(characters[(end + 1)...])
            return .kind(kind, subject: SubjectLine.flattened(rest))
        }
        return nil
    }
}
