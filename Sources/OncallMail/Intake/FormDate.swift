import Foundation

/// Reads the times people write in a report form: RFC 3339 (`2026-11-25T08:05:00+08:00`), the
/// everyday `2026-11-25 08:05` or `2026/11/25 8:05`, and `2026年11月25日 08:05` or `…上午8点05分`.
///
/// A time without a zone is in the configured zone (+08:00 by default), because that is what a
/// reporter in China means. Text after the time that is not a zone ("左右", "(北京时间)") is
/// ignored. As a last resort, text naming a month is read as an RFC 5322 date by `MailDate`.
enum FormDate {
    static func parse(_ text: String, timeZone: TimeZone) -> Date? {
        let text = text.intakeTrimmed
        guard !text.isEmpty, text.count <= 100 else { return nil }
        if let date = parseNumeric(text, timeZone: timeZone) { return date }
        // Only text with a month name is RFC 5322-shaped; a numeric date that failed above (a
        // 30 February) must stay unread rather than be rolled over by a more lenient parser.
        let lower = text.lowercased()
        guard monthNames.contains(where: lower.contains) else { return nil }
        return MailDate.parse(text)
    }

    static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Full-width digits and punctuation as their ASCII forms, so "２０２６－１１－２５" reads too.
    private static func asciiFolded(_ text: String) -> [Character] {
        text.map { character in
            guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1,
                  (0xFF01...0xFF5E).contains(scalar.value),
                  let ascii = Unicode.Scalar(scalar.value - 0xFEE0)
            else { return character == "\u{3000}" ? " " : character }
            return Character(ascii)
        }
    }

    private static func parseNumeric(_ text: String, timeZone: TimeZone) -> Date? {
        var scanner = FormDateScanner(characters: asciiFolded(text))
        guard let year = scanner.number(maxDigits: 4), scanner.lastDigitCount == 4,
              scanner.skip(oneOf: "-/.年"),
              let month = scanner.number(maxDigits: 2), scanner.skip(oneOf: "-/.月"),
              let day = scanner.number(maxDigits: 2)
        else { return nil }
        _ = scanner.skip(oneOf: "日号")
        scanner.skipAll(of: "Tt ,，")
        var pm = false
        var am = false
        for word in ["上午", "凌晨", "早上"] where scanner.skip(word: word) { am = true }
        for word in ["下午", "晚上"] where scanner.skip(word: word) { pm = true }
        scanner.skipAll(of: " ")
        guard var hour = scanner.number(maxDigits: 2), scanner.skip(oneOf: ":时点"),
              let minute = scanner.number(maxDigits: 2)
        else { return nil }
        var second = 0
        var nanosecond = 0
        if scanner.skip(oneOf: ":"), let seconds = scanner.number(maxDigits: 2) {
            second = seconds
            if scanner.skip(oneOf: ".,") {
                let digits = scanner.digits(max: 9)
                nanosecond = Int(digits.padding(toLength: 9, withPad: "0", startingAt: 0)) ?? 0
            }
        }
        _ = scanner.skip(oneOf: "分")
        if pm, hour < 12 { hour += 12 }
        if am, hour == 12 { hour = 0 }
        let zone = scanner.zone() ?? timeZone

        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second, nanosecond: nanosecond)
        guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute),
              (0...60).contains(second), let date = calendar.date(from: components)
        else { return nil }
        // The calendar rolls 31 November over to 1 December; a date that does not exist is a typo.
        let back = calendar.dateComponents([.year, .month, .day], from: date)
        guard back.year == year, back.month == month, back.day == day else { return nil }
        return date
    }
}
