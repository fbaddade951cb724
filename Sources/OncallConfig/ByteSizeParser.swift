/// Parses `http.max_body`: plain bytes (`1048576`) or a binary size (`512KiB`, `1MiB`, `25MiB`, `1GiB`).
enum ByteSizeParser {
    /// Units are binary only: "MB" is ambiguous (10^6 or 2^20), so it is refused rather than guessed.
    static let units: [(suffix: String, factor: Int)] = [
        ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10), ("B", 1), ("", 1),
    ]

    /// The size in bytes, or a problem for zero, negatives, fractions, spaces or unknown units.
    static func parse(_ text: String) throws(ValueProblem) -> Int {
        let digits = text.prefix(while: { ("0"..."9").contains($0) })
        let suffix = String(text.dropFirst(digits.count))
        guard !digits.isEmpty, let unit = units.first(where: { $0.suffix == suffix }) else {
            throw ValueProblem("'\(text)' is not a size; write bytes (1048576) or a number with KiB, MiB or GiB (512KiB, 1MiB)")
        }
        guard let number = Int(digits) else { throw ValueProblem("size '\(text)' is too large") }
        let (bytes, overflow) = number.multipliedReportingOverflow(by: unit.factor)
        guard !overflow else { throw ValueProblem("size '\(text)' is too large") }
        guard bytes > 0 else { throw ValueProblem("size must be greater than zero") }
        return bytes
    }
}
