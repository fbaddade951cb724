import Foundation
import OncallSupport

/// RFC 5545 syntax: TEXT escaping, UTC date-times and dates, and content lines folded at 75 octets.
public enum ICalendarText {
    /// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, every line break
    /// (CRLF, CR or LF) as `\n`; other control characters, which TEXT may not hold, dropped.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        var afterCR = false
        for scalar in text.unicodeScalars {
            defer { afterCR = scalar == "\r" }
            switch scalar {
            case "\\": escaped += "\\\\"
            case ";": escaped += "\\;"
            case ",": escaped += "\\,"
            case "\r": escaped += "\\n"
            case "\n": if !afterCR { escaped += "\\n" }
            case "\t": escaped.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// A UTC DATE-TIME (`20261204T200000Z`); fractions of a second are dropped.
    public static func dateTime(_ instant: Date) -> String {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down))
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = CivilDays.date(days: days)
        return CivilDays.zeroPadded(year, 4) + CivilDays.zeroPadded(month, 2) + CivilDays.zeroPadded(day, 2) + "T" + CivilDays.zeroPadded(secondOfDay / 3600, 2)
            + CivilDays.zeroPadded(secondOfDay / 60 % 60, 2) + CivilDays.zeroPadded(secondOfDay % 60, 2) + "Z"
    }

    /// A DATE (`20261001`), for all-day events.
    public static func date(_ day: LocalDate) -> String {
        CivilDays.zeroPadded(day.year, 4) + CivilDays.zeroPadded(day.month, 2) + CivilDays.zeroPadded(day.day, 2)
    }

    /// One content line, `NAME[;PARAMS]:value` with the value already escaped, folded so that no
    /// line is longer than 75 octets (RFC 5545 §3.1): each continuation starts with a space, and
    /// a break falls only between Unicode scalars, never inside a UTF-8 sequence. Ends in CRLF.
    public static func line(_ name: String, _ value: String) -> String {
        let limit = 75
        var result = ""
        var width = 0
        for scalar in (name + ":" + value).unicodeScalars {
            let octets = UTF8.width(scalar)
            if width + octets > limit {
                result += "\r\n "
                width = 1
            }
            result.unicodeScalars.append(scalar)
            width += octets
        }
        return result + "\r\n"
    }
}
