/// Small text and byte helpers the parsers share; Foundation's versions would need
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

extension UInt8 {
    /// True for ASCII letters and digits.
    var isASCIIAlphanumeric: Bool {
        (0x30...0x39).contains(self) || (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self)
    }
}
