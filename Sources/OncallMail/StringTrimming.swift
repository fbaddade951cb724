/// Small text helpers the header and address code share; Foundation's versions would need
/// `CharacterSet`, which is heavier than these ASCII-only cases deserve.
extension StringProtocol {
    /// The string without leading and trailing characters from `set`.
    func trimmingCharacters(in set: String) -> String {
        let chars = Set(set)
        guard let first = firstIndex(where: { !chars.contains($0) }) else { return "" }
        guard let last = lastIndex(where: { !chars.contains($0) }) else { return "" }
        return String(self[first...last])
    }

    /// The string without leading and trailing spaces, tabs and line breaks.
    var trimmedWhitespace: String { trimmingCharacters(in: " \t\r\n") }
}

extension Character {
    /// True for `0`–`9` only (not other scripts' digits, which `isNumber` accepts).
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
