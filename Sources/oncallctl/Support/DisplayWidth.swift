/// The number of terminal columns `text` takes: East Asian Wide and Fullwidth characters take 2,
/// combining marks, zero-width and control characters 0, everything else 1.
func displayWidth(_ text: some StringProtocol) -> Int {
    text.reduce(0) { $0 + displayWidth(of: $1) }
}

/// The columns one grapheme cluster takes (its first scalar decides; marks that follow it add nothing).
func displayWidth(of character: Character) -> Int {
    guard let scalar = character.unicodeScalars.first else { return 0 }
    if isZeroWidth(scalar) { return 0 }
    return isWide(scalar) ? 2 : 1
}

/// East Asian Wide (W) and Fullwidth (F) ranges, plus the common emoji blocks terminals draw 2 columns wide.
private let wideRanges: [ClosedRange<UInt32>] = [
    0x1100...0x115F,  // Hangul Jamo initial consonants
    0x2E80...0xA4CF,  // CJK radicals … Yi (includes U+3000 ideographic space, kana, CJK ideographs)
    0xAC00...0xD7A3,  // Hangul syllables
    0xF900...0xFAFF,  // CJK compatibility ideographs
    0xFE30...0xFE4F,  // CJK compatibility forms
    0xFF00...0xFF60,  // Fullwidth forms
    0xFFE0...0xFFE6,  // Fullwidth signs
    0x1F300...0x1F64F,  // Miscellaneous symbols and pictographs, emoticons
    0x1F900...0x1F9FF,  // Supplemental symbols and pictographs
    0x20000...0x3FFFD,  // CJK extension B and beyond
]

func isWide(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    return wideRanges.contains { $0.contains(value) }
}

func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    if value < 0x20 || (0x7F..<0xA0).contains(value) { return true }
    if value == 0x200B || value == 0x200C || value == 0x200D || value == 0x2060 || value == 0xFEFF { return true }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark: return true
    default: return false
    }
}

/// `text` cut to at most `width` columns, ending in "…" when anything was cut.
func truncate(_ text: String, toWidth width: Int) -> String {
    guard displayWidth(text) > width else { return text }
    guard width > 0 else { return "" }
    var result = ""
    var used = 0
    for character in text {
        let columns = displayWidth(of: character)
        if used + columns > width - 1 { break }
        result.append(character)
        used += columns
    }
    return result + "…"
}

/// `text` followed by spaces up to `width` columns.
func pad(_ text: String, toWidth width: Int) -> String {
    text + String(repeating: " ", count: max(0, width - displayWidth(text)))
}
