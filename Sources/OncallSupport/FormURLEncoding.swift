/// `application/x-www-form-urlencoded` bodies and query strings: the fields in, percent escapes out.
///
/// Works on bytes: values are percent-decoded to bytes and only turned into text by the
/// caller, which knows the charset (web forms and Mailgun post UTF-8).
public enum FormURLEncoding {
    /// One `name=value` pair, percent-decoded.
    public struct Field: Sendable, Equatable {
        /// The name, as UTF-8 (invalid bytes become U+FFFD).
        public var name: String
        /// The value's bytes.
        public var value: [UInt8]

        /// A field from its parts.
        public init(name: String, value: [UInt8]) {
            self.name = name
            self.value = value
        }

        /// The value as UTF-8 (invalid bytes become U+FFFD).
        public var text: String { String(decoding: value, as: UTF8.self) }
    }

    /// Thrown when a body has more fields than the caller allows.
    public struct TooManyFields: Error, Sendable, Equatable {
        /// The limit that was passed.
        public var limit: Int

        /// The error for a limit.
        public init(limit: Int) {
            self.limit = limit
        }
    }

    /// The fields of a body or query string, in order, repeated names kept: `&` separates
    /// fields (empty ones are skipped), the first `=` splits name from value (a field without
    /// one has an empty value), `+` is a space and `%XX` a byte.
    public static func fields(_ encoded: some Collection<UInt8>, maxFields: Int = .max) throws(TooManyFields) -> [Field] {
        var fields: [Field] = []
        for pair in encoded.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            if fields.count >= maxFields { throw TooManyFields(limit: maxFields) }
            let name: [UInt8]
            let value: [UInt8]
            if let equals = pair.firstIndex(of: UInt8(ascii: "=")) {
                name = percentDecoded(pair[pair.startIndex..<equals])
                value = percentDecoded(pair[pair.index(after: equals)...])
            } else {
                name = percentDecoded(pair)
                value = []
            }
            fields.append(Field(name: String(decoding: name, as: UTF8.self), value: value))
        }
        return fields
    }

    /// The fields of a string (a query string or a UTF-8 body).
    public static func fields(_ encoded: String) -> [Field] {
        // No limit: nothing to throw.
        (try? fields(Array(encoded.utf8))) ?? []
    }

    /// `+` to space and `%XX` to its byte; a malformed escape (`%zz`, a trailing `%`) is kept literally.
    public static func percentDecoded(_ bytes: some Collection<UInt8>) -> [UInt8] {
        let bytes = Array(bytes)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                output.append(UInt8(ascii: " "))
                index += 1
            } else if byte == UInt8(ascii: "%"), index + 2 < bytes.count,
                      let high = Hex.value(bytes[index + 1]), let low = Hex.value(bytes[index + 2]) {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(byte)
                index += 1
            }
        }
        return output
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`),
    /// so the result is safe in any URL part, a query value included.
    public static func percentEncoded(_ text: String) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count)
        let digits = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                result.append(byte)
            } else {
                result += [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// A form value: like ``percentEncoded(_:)`` but a space becomes `+`.
    public static func formEncoded(_ text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false).map { percentEncoded(String($0)) }.joined(separator: "+")
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default: false
        }
    }
}
