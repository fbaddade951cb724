/// Parses the config file's durations: `30s`, `10m`, `2h`, `1h30m`, `0s`, or a bare `0`.
public enum DurationParser {
    /// The duration `text` names, or nil for negatives, empty text, unknown units or spaces.
    ///
    /// Units are `h`, `m` and `s`, each at most once and in that order.
    public static func parse(_ text: String) -> Duration? {
        if text == "0" { return .zero }
        let units: [(symbol: Character, seconds: Int64)] = [("h", 3600), ("m", 60), ("s", 1)]
        var nextUnit = 0
        var digits = ""
        var total: Int64 = 0
        var sawComponent = false
        for character in text {
            if ("0"..."9").contains(character) {
                // Nine digits of hours is already far beyond any sane delay; this also bars overflow.
                guard digits.count < 9 else { return nil }
                digits.append(character)
                continue
            }
            guard !digits.isEmpty, let number = Int64(digits),
                  let index = units[nextUnit...].firstIndex(where: { $0.symbol == character })
            else { return nil }
            total += number * units[index].seconds
            nextUnit = index + 1
            digits = ""
            sawComponent = true
        }
        guard digits.isEmpty, sawComponent else { return nil }
        return .seconds(total)
    }

    /// `duration` in the form `parse` reads (`1h30m`, `10m`, `0s`); sub-second parts are dropped.
    static func format(_ duration: Duration) -> String {
        let total = duration.components.seconds
        guard total > 0 else { return total == 0 ? "0s" : "-" + format(.seconds(-total)) }
        let parts = [(total / 3600, "h"), (total % 3600 / 60, "m"), (total % 60, "s")]
        return parts.filter { $0.0 > 0 }.map { "\($0.0)\($0.1)" }.joined()
    }
}
