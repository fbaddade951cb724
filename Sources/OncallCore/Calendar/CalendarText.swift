/// Small text helpers shared by the calendar parsers, namespaced so they cannot clash with
/// extensions elsewhere in the module.
enum CalendarText {
    /// `Int(_:)` alone would also accept "+5"; `Character.isNumber` would accept "５" and "五".
    static func isASCIIDigit(_ character: Character) -> Bool { ("0"..."9").contains(character) }

    /// `text` without leading and trailing whitespace (no Foundation needed).
    static func trimmed(_ text: String) -> Substring {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
              let last = text.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return text[first...last]
    }
}
