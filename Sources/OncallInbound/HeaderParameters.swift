import Foundation
import OncallMail

/// A header value with parameters: `form-data; name="attachment-1"; filename="报告.pdf"`.
///
/// Parsed by hand because MultipartKit exposes only `name` and splits naively on `=`, which
/// breaks quoted file names containing `=` or `;`. RFC 2231 extended parameters (`filename*=`,
/// continuations `filename*0*=`) and RFC 2047 encoded words inside quotes (what many mailers
/// and providers actually send) are both decoded.
struct HeaderParameters: Sendable, Equatable {
    /// The value before the first `;`, lowercased and trimmed (`form-data`, `text/plain`).
    var value: String
    /// Parameters by lowercased name, decoded.
    var parameters: [String: String]

    /// The parameter with this (case-insensitive) name.
    subscript(_ name: String) -> String? { parameters[name.lowercased()] }

    /// Parses a header value; never fails (unreadable parts are skipped).
    static func parse(_ header: String) -> HeaderParameters {
        let pieces = split(header)
        let value = (pieces.first ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        var plain: [String: String] = [:]
        var extended: [String: [(index: Int, encoded: Bool, text: String)]] = [:]
        for piece in pieces.dropFirst() {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            var name = piece[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let rawValue = unquote(piece[piece.index(after: equals)...].trimmingCharacters(in: .whitespaces))
            guard !name.isEmpty else { continue }
            guard name.contains("*") else {
                if plain[name] == nil { plain[name] = rawValue }
                continue
            }
            // RFC 2231: name*=charset'lang'%XX, name*0=…, name*1*=…
            let encoded = name.hasSuffix("*")
            if encoded { name.removeLast() }
            var index = 0
            if let star = name.firstIndex(of: "*") {
                index = Int(name[name.index(after: star)...]) ?? 0
                name = String(name[..<star])
            }
            extended[name, default: []].append((index, encoded, rawValue))
        }
        // Encoded words only in names, where mailers put them; a boundary may contain `=?`.
        var parameters = plain
        for key in ["filename", "name"] {
            if let value = parameters[key], value.contains("=?") { parameters[key] = EncodedWords.decode(value) }
        }
        for (name, parts) in extended {
            let ordered = parts.sorted { $0.index < $1.index }
            var charset: String?
            var bytes: [UInt8] = []
            for (position, part) in ordered.enumerated() {
                var text = Substring(part.text)
                if part.encoded, position == 0 {
                    // charset'language'value; a missing quote pair means no charset was given.
                    let quotes = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                    if quotes.count == 3 {
                        charset = quotes[0].isEmpty ? nil : String(quotes[0])
                        text = quotes[2]
                    }
                }
                bytes.append(contentsOf: part.encoded ? percentDecoded(text) : Array(text.utf8))
            }
            parameters[name] = Charsets.decode(bytes, charset: charset ?? "utf-8").text
        }
        return HeaderParameters(value: value, parameters: parameters)
    }

    /// Splits on `;` outside double quotes.
    static func split(_ header: String) -> [Substring] {
        var pieces: [Substring] = []
        var start = header.startIndex
        var quoted = false
        var escaped = false
        var index = header.startIndex
        while index < header.endIndex {
            let character = header[index]
            if escaped {
                escaped = false
            } else if character == "\\" && quoted, header.index(after: index) < header.endIndex,
                      header[header.index(after: index)] == "\"" || header[header.index(after: index)] == "\\" {
                escaped = true
            } else if character == "\"" {
                quoted.toggle()
            } else if character == ";" && !quoted {
                pieces.append(header[start..<index])
                start = header.index(after: index)
            }
            index = header.index(after: index)
        }
        pieces.append(header[start...])
        return pieces
    }

    /// A quoted-string's content with `\"` and `\\` unescaped; other values unchanged.
    ///
    /// A backslash before any other character stays: form-data file names are not RFC 822
    /// quoted-strings in practice (browsers and old Outlook send `"C:\Users\ops\a.pdf"`
    /// unescaped), and only the last path component is kept anyway.
    static func unquote(_ value: String) -> String {
        guard value.count >= 2, value.first == "\"", value.last == "\"" else { return value }
        let inner = Array(value.dropFirst().dropLast())
        var result = ""
        var index = 0
        while index < inner.count {
            if inner[index] == "\\", index + 1 < inner.count, inner[index + 1] == "\"" || inner[index + 1] == "\\" {
                result.append(inner[index + 1])
                index += 2
            } else {
                result.append(inner[index])
                index += 1
            }
        }
        return result
    }

    /// `%XX` sequences as bytes; a malformed `%` stays literal.
    static func percentDecoded(_ text: Substring) -> [UInt8] {
        let utf8 = Array(text.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "%"), index + 2 < utf8.count,
               let high = HexBytes.value(utf8[index + 1]), let low = HexBytes.value(utf8[index + 2]) {
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(utf8[index])
                index += 1
            }
        }
        return bytes
    }
}
