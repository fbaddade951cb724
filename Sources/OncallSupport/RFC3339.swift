import Foundation

/// RFC 3339 timestamps, the one format oncalld reads and writes on every wire.
///
/// Parsing accepts what Go (Alertmanager), JavaScript and people write: any number of
/// fractional digits (`2018-08-03T09:52:26.739266876+02:00`, `2026-01-01T00:00:00.250Z`),
/// `Z` or a numeric offset, `T`, `t` or a space between date and time. By hand because
/// `ISO8601DateFormatter` without `.withFractionalSeconds` refuses fractions, with it refuses
/// times without one, and on Linux refuses nanosecond fractions. A leap second (`:60`) is
/// read as `:59`.
public enum RFC3339 {
    /// The instant, or nil when the text is not an RFC 3339 date-time with a zone.
    public static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ digits: Int) -> Int? {
            guard index + digits <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + digits] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += digits
            return value
        }
        func expect(_ characters: String) -> Bool {
            guard index < bytes.count, characters.utf8.contains(bytes[index]) else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
              expect("Tt "), let hour = number(2), expect(":"), let minute = number(2), expect(":"),
              let second = number(2)
        else { return nil }
        guard (1...12).contains(month), (1...CivilDays.daysInMonth(year: year, month: month)).contains(day), hour < 24, minute < 60,
              second <= 60
        else { return nil }
        var fraction = 0.0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            let start = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
                fraction += Double(bytes[index] - 0x30) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        var offset = 0
        if expect("Zz") {
            offset = 0
        } else if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            index += 1
            guard let hours = number(2), expect(":"), let minutes = number(2), hours < 24, minutes < 60 else { return nil }
            offset = sign * (hours * 3600 + minutes * 60)
        } else {
            return nil
        }
        guard index == bytes.count else { return nil }
        let days = CivilDays.days(year: year, month: month, day: day)
        let seconds = Double(days * 86_400 + hour * 3600 + minute * 60 + min(second, 59) - offset) + fraction
        return Date(timeIntervalSince1970: seconds)
    }

    /// `date` in UTC: `2026-11-25T00:05:00Z`, or with `fractionalDigits` (1 to 9) digits after
    /// the seconds, `2026-11-25T00:05:00.250Z`.
    ///
    /// As `ISO8601DateFormatter` does, the time is first rounded to the millisecond (or to the
    /// last digit asked for, if finer) and then cut to the digits asked for: `20.7` writes `20Z`,
    /// `20.9996` writes `21Z`. So a parsed time formats back to the text it came from.
    public static func format(_ date: Date, fractionalDigits: Int = 0) -> String {
        let digits = min(max(fractionalDigits, 0), 9)
        let roundedDigits = max(digits, 3)
        let units = Int((date.timeIntervalSince1970 * Double(power(roundedDigits))).rounded())
            .floorDivided(by: power(roundedDigits - digits)).quotient
        let (seconds, fraction) = units.floorDivided(by: power(digits))
        let (days, secondOfDay) = seconds.floorDivided(by: 86_400)
        let (year, month, day) = CivilDays.date(days: days)
        let pad = CivilDays.zeroPadded
        var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(secondOfDay / 3600, 2) + ":"
            + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
        if digits > 0 { text += "." + pad(fraction, digits) }
        return text + "Z"
    }

    /// 10 to the `exponent`.
    private static func power(_ exponent: Int) -> Int {
        var value = 1
        for _ in 0..<exponent { value *= 10 }
        return value
    }

}

extension Int {
    /// Quotient rounded towards minus infinity and the non-negative remainder.
    fileprivate func floorDivided(by divisor: Int) -> (quotient: Int, remainder: Int) {
        let remainder = ((self % divisor) + divisor) % divisor
        return ((self - remainder) / divisor, remainder)
    }
}

extension JSONDecoder.DateDecodingStrategy {
    /// RFC 3339 strings as ``RFC3339/parse(_:)`` reads them, fractional seconds or not; the
    /// error names the text and an example.
    public static var rfc3339: Self {
        .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = RFC3339.parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "'\(text)' is not an RFC 3339 time such as 2026-11-25T08:05:00+08:00")
            }
            return date
        }
    }
}

extension JSONEncoder.DateEncodingStrategy {
    /// RFC 3339 in UTC with milliseconds (`2026-11-25T00:05:00.000Z`).
    public static var rfc3339Milliseconds: Self {
        .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(RFC3339.format(date, fractionalDigits: 3))
        }
    }
}
