/// The outcome of decoding bytes in a declared charset, with what was actually used.
public struct CharsetDecoding: Sendable, Equatable {
    /// The decoded text.
    public var text: String
    /// The charset label the message declared, as written; nil when it declared none.
    public var declared: String?
    /// The iconv charset that produced `text` (`GB18030`, `CP950`, `UTF-8`, `ISO-8859-1`).
    public var used: String
    /// True when the declared charset (or its documented superset) decoded every byte, or, with
    /// no declaration, when the bytes were ASCII or valid UTF-8.
    public var exact: Bool
    /// How many invalid sequences were replaced with U+FFFD (only by the lossy step).
    public var replacements: Int
    /// True when the declared label names no charset iconv has (`x-unknown-foo`), so the text
    /// came from the fallback even when it is plain ASCII.
    public var declaredIsUnknown = false

    /// A sentence for `ParsedMail.warnings` when the result is not exact, else nil.
    public var warning: String? {
        guard !exact else { return nil }
        let label = declared.map { declaredIsUnknown ? "unknown charset '\($0)'" : "declared charset '\($0)'" }
            ?? "undeclared 8-bit text"
        if replacements > 0 {
            return "\(label) decoded as \(used) with \(replacements) invalid sequence(s) replaced by U+FFFD"
        }
        return "\(label) decoded as \(used)"
    }
}
