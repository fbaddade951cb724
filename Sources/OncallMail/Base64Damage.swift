/// What a lenient base64 decoding had to skip or could not finish, for the part's warning.
///
/// RFC 2045 §6.8 says to ignore characters outside the alphabet; a careful reader still says
/// that it did, because such a body was damaged on its way (a gateway, a truncated transfer).
struct Base64Damage: Equatable {
    /// Characters outside the alphabet that were skipped; line breaks, spaces and tabs, which
    /// encoders and transports add, do not count.
    var skipped = 0
    /// The data ended two or three characters into a quantum without `=`: decoded, unpadded.
    var unpadded = false
    /// Quanta that ended after one character, which cannot make a byte and were dropped.
    var loneCharacters = 0

    /// A sentence for `ParsedMail.warnings`, or nil when the base64 was clean.
    var summary: String? {
        var parts: [String] = []
        if skipped > 0 { parts.append("skipped \(skipped) character(s) outside the base64 alphabet") }
        if loneCharacters == 1 {
            parts.append("a lone character at the end of a quantum was dropped (truncated data?)")
        } else if loneCharacters > 1 {
            parts.append("\(loneCharacters) lone characters at the ends of quanta were dropped (truncated data?)")
        }
        if unpadded { parts.append("the data ends without its padding") }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }
}
