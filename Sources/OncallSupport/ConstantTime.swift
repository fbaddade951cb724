/// Comparisons of secrets (tokens, passwords, signatures) whose running time does not show
/// where two values differ, so a caller cannot guess a secret byte by byte from timings.
public enum ConstantTime {
    /// True when the two byte sequences are equal; the time depends only on the longer length.
    public static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<max(a.count, b.count) {
            let x = index < a.count ? a[index] : 0
            let y = index < b.count ? b[index] : 0
            difference |= x ^ y
        }
        return difference == 0
    }
}
