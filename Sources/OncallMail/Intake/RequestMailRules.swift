import OncallCore

/// Which mail is a service request rather than a fault report: mail to a configured request
/// address (`requests.mail.addresses`), or with a request tag in its subject (`[REQ:bug_report]`,
/// when `requests.mail.subject_tags` is on).
public struct RequestMailRules: Sendable, Equatable {
    /// Request address (lowercased, without a plus tag) → the kind of request mail to it asks for.
    public var kindByAddress: [String: RequestKind]
    /// Whether a `[REQ:<kind>]` or `[需求:<kind>]` tag in the subject makes the mail a request.
    public var subjectTags: Bool

    /// No request addresses and no subject tags: every mail goes on to the fault intake.
    public static let none = RequestMailRules(kindByAddress: [:], subjectTags: false)

    public init(kindByAddress: [String: RequestKind] = [:], subjectTags: Bool = false) {
        self.kindByAddress = Dictionary(kindByAddress.map { (PlusAddress.untagged($0.key.intakeTrimmed).lowercased(), $0.value) },
                                        uniquingKeysWith: { first, _ in first })
        self.subjectTags = subjectTags
    }

    /// The kind of the first recipient that is a request address (a plus tag on it is ignored).
    func kind(envelopeTo: [String], mail: ParsedMail) -> RequestKind? {
        guard !kindByAddress.isEmpty else { return nil }
        for address in PlusAddress.recipients(envelopeTo: envelopeTo, mail: mail) {
            if let kind = kindByAddress[PlusAddress.untagged(address).lowercased()] { return kind }
        }
        return nil
    }
}
