import ArgumentParser
import Foundation
import OncallAPI

/// A time on the command line: RFC 3339 (`2026-11-25T08:05:00+08:00`), `now`, or a span before now (`-15m`, `-2h`, `-1h30m`).
///
/// Parsing does not read the clock; ``resolve(now:)`` turns the value into a `Date`.
enum TimeArgument: Equatable, ExpressibleByArgument {
    case now
    /// This long before now.
    case ago(Duration)
    case absolute(Date)

    init?(argument: String) {
        guard let value = Self.parse(argument) else { return nil }
        self = value
    }

    static let help = "TIME is RFC 3339 (2026-11-25T08:05:00+08:00), 'now', or a span before now such as -15m, -2h, -1d, -1h30m"

    static var defaultCompletionKind: CompletionKind { .default }

    static func parse(_ text: String) -> TimeArgument? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.lowercased() == "now" { return .now }
        if trimmed.hasPrefix("-") { return parseSpan(trimmed.dropFirst()).map { .ago($0) } }
        return APIDates.parse(trimmed).map { .absolute($0) }
    }

    /// `15m`, `2h`, `1d`, `30s`, `1h30m`: one or more number–unit pairs.
    static func parseSpan(_ text: Substring) -> Duration? {
        var total: Int64 = 0
        var digits = ""
        for character in text.lowercased() {
            if character.isASCII, character.isNumber {
                digits.append(character)
                continue
            }
            let unit: Int64
            switch character {
            case "s": unit = 1
            case "m": unit = 60
            case "h": unit = 3600
            case "d": unit = 86_400
            default: return nil
            }
            guard !digits.isEmpty, digits.count <= 9, let count = Int64(digits) else { return nil }
            total += count * unit
            digits = ""
        }
        guard digits.isEmpty, !text.isEmpty else { return nil }
        return .seconds(total)
    }

    func resolve(now: Date) -> Date {
        switch self {
        case .now: return now
        case let .ago(span): return now.addingTimeInterval(-TimeInterval(span.components.seconds))
        case let .absolute(date): return date
        }
    }
}
