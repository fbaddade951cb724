import Foundation

/// An independent RFC 2047 decoder for the tests: unfolds a header value and decodes `=?UTF-8?B?…?=` words,
/// dropping the whitespace between adjacent encoded words as RFC 2047 says.
enum EncodedWordDecoder {
    /// The decoded text, or nil when a word is malformed or its bytes are not whole UTF-8 sequences.
    static func decode(_ value: String) -> String? {
        let unfolded = value.replacingOccurrences(of: "\r\n ", with: " ")
        var result = ""
        var previousWasEncoded = false
        for (index, token) in unfolded.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
            let isEncoded = token.hasPrefix("=?") && token.hasSuffix("?=")
            if index > 0, !(isEncoded && previousWasEncoded) { result += " " }
            if isEncoded {
                guard let text = word(token) else { return nil }
                result += text
            } else {
                result += token
            }
            previousWasEncoded = isEncoded
        }
        return result
    }

    /// One encoded word's text; each word must hold whole UTF-8 sequences.
    static func word(_ token: Substring) -> String? {
        let parts = token.dropFirst(2).dropLast(2).split(separator: "?", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].uppercased() == "UTF-8", parts[1].uppercased() == "B",
              let bytes = Data(base64Encoded: String(parts[2])) else { return nil }
        return String(bytes: bytes, encoding: .utf8)
    }
}
