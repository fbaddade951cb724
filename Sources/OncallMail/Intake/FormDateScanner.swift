import Foundation

/// A cursor over the characters of a time.
struct FormDateScanner {
    let characters: [Character]
    var index = 0
    var lastDigitCount = 0

    init(characters: [Character]) { self.characters = characters }

    var current: Character? { index < characters.count ? characters[index] : nil }

    mutating func digits(max: Int) -> String {
        var out = ""
        while out.count < max, let character = current, character.isASCII, character.isNumber {
            out.append(character)
            index += 1
        }
        return out
    }

    mutating func number(maxDigits: Int) -> Int? {
        let text = digits(max: maxDigits)
        lastDigitCount = text.count
        return text.isEmpty ? nil : Int(text)
    }

    mutating func skip(oneOf set: String) -> Bool {
        guard let character = current, set.contains(character) else { return false }
        index += 1
        return true
    }

    mutating func skipAll(of set: String) {
        while let character = current, set.contains(character) { index += 1 }
    }

    mutating func skip(word: String) -> Bool {
        let word = Array(word)
        guard index + word.count <= characters.count, Array(characters[index..<(index + word.count)]) == word
        else { return false }
        index += word.count
        return true
    }

    /// `Z`, `+08:00`, `+0800`, `+08`, optionally after `UTC`/`GMT` and an opening bracket.
    mutating func zone() -> TimeZone? {
        skipAll(of: " (（")
        var named = false
        for word in ["UTC", "GMT", "utc", "gmt"] where skip(word: word) { named = true }
        if !named, skip(oneOf: "Zz") { return TimeZone(secondsFromGMT: 0) }
        guard let sign = current, sign == "+" || sign == "-" else {
            return named ? TimeZone(secondsFromGMT: 0) : nil
        }
        index += 1
        guard let hours = number(maxDigits: 2), hours <= 14 else { return nil }
        var minutes = 0
        _ = skip(oneOf: ":")
        if let value = number(maxDigits: 2) { minutes = value }
        guard minutes < 60 else { return nil }
        let seconds = (hours * 3600 + minutes * 60) * (sign == "-" ? -1 : 1)
        return TimeZone(secondsFromGMT: seconds)
    }
}
