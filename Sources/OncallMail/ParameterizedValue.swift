/// A header value with parameters: `Content-Type` and `Content-Disposition`.
///
/// Parameters follow RFC 2045 with RFC 2231 on top (`name*=charset'lang'%XX`, continuations
/// `name*0*=`, `name*1=` joined in section order before the charset is applied). Lenient in
/// what real mail needs: comments, spaces around `=` and `/`, unquoted values with spaces,
/// unterminated quotes, and RFC 2047 encoded words inside quoted file names (Outlook, Foxmail).
public struct ParameterizedValue: Sendable, Equatable {
    /// The lowercased main value (`text/plain`, `attachment`), comments and spaces removed.
    public var value: String
    /// Parameters by lowercased name, values decoded; the first occurrence wins.
    public var parameters: [String: String]

    /// A parameter by name (case-insensitive).
    public subscript(_ name: String) -> String? { parameters[name.lowercased()] }

    /// Parses `raw`, dropping charset warnings (for headers outside a mail, such as form-data parts).
    public static func parse(_ raw: String) -> ParameterizedValue {
        var warnings: [String] = []
        return parse(raw, warnings: &warnings)
    }

    /// Parses `raw`, appending charset warnings to `warnings`.
    static func parse(_ raw: String, warnings: inout [String]) -> ParameterizedValue {
        let scalars = Array(raw.unicodeScalars)
        var index = 0
        var head = String.UnicodeScalarView()
        // The main value runs to the first ";" (comments dropped), or to a space that is not
        // around its "/" (`image/ jpeg` is one value; `text/plain charset=x` lacks a ";").
        while index < scalars.count, scalars[index] != ";" {
            if scalars[index] == "(" {
                skipComment(scalars, &index)
                continue
            }
            if scalars[index] == " " || scalars[index] == "\t" {
                var probe = index
                while probe < scalars.count, scalars[probe] == " " || scalars[probe] == "\t" { probe += 1 }
                let nextIsSlash = probe < scalars.count && scalars[probe] == "/"
                if !head.isEmpty, head.last != "/", !nextIsSlash { break }
                index = probe
                continue
            }
            head.append(scalars[index])
            index += 1
        }
        let value = String(head).lowercased()

        var plain: [String: String] = [:]
        var sections: [String: [(number: Int, extended: Bool, value: String)]] = [:]
        var order: [String] = []
        var parsedCount = 0
        while index < scalars.count, parsedCount < 64 {
            // Skip separators.
            while index < scalars.count, [";", " ", "\t", "\r", "\n"].contains(scalars[index]) { index += 1 }
            if index < scalars.count, scalars[index] == "(" {
                skipComment(scalars, &index)
                continue
            }
            guard index < scalars.count else { break }
            var name = String.UnicodeScalarView()
            while index < scalars.count, !["=", ";", " ", "\t"].contains(scalars[index]) {
                name.append(scalars[index])
                index += 1
            }
            while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
            guard index < scalars.count, scalars[index] == "=" else {
                // A bare word with no "=": not a parameter; skip to the next ";".
                while index < scalars.count, scalars[index] != ";" { index += 1 }
                continue
            }
            index += 1
            while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
            let parameterValue = readValue(scalars, &index)
            parsedCount += 1
            let key = String(name).lowercased()
            guard !key.isEmpty else { continue }
            if let star = key.firstIndex(of: "*") {
                // RFC 2231: `name*`, `name*0`, `name*0*`.
                let base = String(key[..<star])
                let rest = key[key.index(after: star)...]
                let extended = rest.hasSuffix("*") || rest.isEmpty
                let numberText = rest.hasSuffix("*") ? rest.dropLast() : rest
                let number = numberText.isEmpty ? 0 : Int(numberText) ?? -1
                guard number >= 0, number < 1000 else { continue }
                if sections[base] == nil { order.append(base) }
                sections[base, default: []].append((number, extended, parameterValue))
            } else if plain[key] == nil {
                plain[key] = parameterValue
            }
        }

        var parameters = plain
        for base in order {
            guard let parts = sections[base] else { continue }
            // RFC 2231 values take precedence over a plain one of the same name.
            parameters[base] = assemble(parts.sorted { $0.number < $1.number }, warnings: &warnings)
        }
        for key in ["filename", "name"] {
            if let text = parameters[key], text.contains("=?") {
                parameters[key] = EncodedWords.decode(text, warnings: &warnings)
            }
        }
        return ParameterizedValue(value: value, parameters: parameters)
    }

    /// Joins RFC 2231 sections: percent-decodes extended ones, applies the charset from the
    /// first (`charset'language'text`) to the joined bytes, so a character may span sections.
    private static func assemble(
        _ parts: [(number: Int, extended: Bool, value: String)], warnings: inout [String]
    ) -> String {
        var charset: String?
        var bytes: [UInt8] = []
        var seen: Set<Int> = []
        for (position, part) in parts.enumerated() where !seen.contains(part.number) {
            seen.insert(part.number)
            var text = Substring(part.value)
            if part.extended, position == 0 {
                let pieces = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                if pieces.count == 3 {
                    charset = pieces[0].isEmpty ? nil : String(pieces[0])
                    text = pieces[2]
                }
            }
            bytes.append(contentsOf: part.extended ? percentDecode(text) : Array(text.utf8))
        }
        let decoded = Charsets.decodeReporting(bytes, charset: charset)
        if let warning = decoded.warning { warnings.append("parameter: \(warning)") }
        return decoded.text
    }

    /// `%XX` to bytes; a `%` without two hex digits is kept as written.
    static func percentDecode(_ text: Substring) -> [UInt8] {
        let input = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            if input[index] == UInt8(ascii: "%"), index + 2 < input.count,
               let high = TransferDecoding.hexValue(input[index + 1]), let low = TransferDecoding.hexValue(input[index + 2]) {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(input[index])
                index += 1
            }
        }
        return output
    }

    /// A quoted string (backslash escapes, may run to the end) or a token up to `;`.
    private static func readValue(_ scalars: [Unicode.Scalar], _ index: inout Int) -> String {
        var text = String.UnicodeScalarView()
        if index < scalars.count, scalars[index] == "\"" {
            index += 1
            while index < scalars.count, scalars[index] != "\"" {
                // Windows paths in file names (`C:\dir\x.pdf`) are common; only `\"` and `\\`
                // are treated as escapes so their backslashes survive.
                if scalars[index] == "\\", index + 1 < scalars.count, scalars[index + 1] == "\"" || scalars[index + 1] == "\\" {
                    index += 1
                }
                text.append(scalars[index])
                index += 1
            }
            index += 1
            return String(text)
        }
        while index < scalars.count, scalars[index] != ";" {
            if scalars[index] == "(" {
                skipComment(scalars, &index)
                continue
            }
            text.append(scalars[index])
            index += 1
        }
        return String(text).trimmedWhitespace
    }

    /// Skips a (possibly nested) comment starting at `index`.
    private static func skipComment(_ scalars: [Unicode.Scalar], _ index: inout Int) {
        var depth = 0
        while index < scalars.count {
            if scalars[index] == "(" { depth += 1 }
            if scalars[index] == ")" {
                depth -= 1
                if depth == 0 {
                    index += 1
                    return
                }
            }
            index += 1
        }
    }
}
