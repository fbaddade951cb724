/// The domain part of the Message-IDs oncalld generates (`inc-000123@oncalld`), so that mail
/// replying to them can be recognised as answering oncalld's own mail.
///
/// Ids are written without angle brackets; the header writer adds them. The domain is compared
/// ignoring case (RFC 5322 domains are case-insensitive); the local part keeps its case.
public struct MessageIDDomain: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The domain as configured, without `@`, trimmed; may be empty (then no id is ours).
    public let domain: String

    /// The domain every oncalld uses unless configured otherwise: `oncalld`.
    public static let standard = MessageIDDomain("oncalld")

    /// A domain; a leading `@` and surrounding whitespace are dropped.
    public init(_ domain: String) {
        var trimmed = Substring(domain).trimmingWhitespace
        if trimmed.hasPrefix("@") { trimmed = trimmed.dropFirst() }
        self.domain = String(trimmed)
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    public var description: String { domain }

    /// The Message-ID for a local part, without angle brackets: `localPart@domain`.
    public func messageID(localPart: String) -> String {
        "\(localPart)@\(domain)"
    }

    /// The local part of `id` if it is one of ours (`<inc-000123@oncalld>` → `inc-000123`), else nil.
    /// Angle brackets and whitespace around the id are ignored.
    public func localPart(of id: String) -> String? {
        guard !domain.isEmpty else { return nil }
        var trimmed = Substring(id).trimmingWhitespace
        if trimmed.hasPrefix("<") { trimmed = trimmed.dropFirst() }
        if trimmed.hasSuffix(">") { trimmed = trimmed.dropLast() }
        trimmed = trimmed.trimmingWhitespace
        guard let at = trimmed.lastIndex(of: "@") else { return nil }
        let local = trimmed[..<at]
        let idDomain = trimmed[trimmed.index(after: at)...]
        guard !local.isEmpty, idDomain.lowercased() == domain.lowercased() else { return nil }
        return String(local)
    }

    /// Whether `id` is a Message-ID with this domain.
    public func owns(_ id: String) -> Bool {
        localPart(of: id) != nil
    }
}

extension Substring {
    /// Without leading and trailing spaces, tabs, CR and LF.
    var trimmingWhitespace: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        var result = self
        while let first = result.first, isSpace(first) { result = result.dropFirst() }
        while let last = result.last, isSpace(last) { result = result.dropLast() }
        return result
    }
}
