import Foundation

/// Parses `application/x-www-form-urlencoded` bodies into fields.
///
/// Works on bytes: values are percent-decoded to bytes and only turned into text by the
/// caller, which knows the charset (Mailgun posts UTF-8).
enum FormURLEncodedParser {
    /// The fields of a urlencoded body; `+` is a space, `%XX` a byte.
    static func parse(_ body: Data) throws(InboundError) -> FormData {
        var fields: [FormField] = []
        for pair in body.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            if fields.count >= FormData.maxFields {
                throw .malformed("the form has more than \(FormData.maxFields) fields")
            }
            let nameBytes: Data.SubSequence
            let valueBytes: Data.SubSequence
            if let equals = pair.firstIndex(of: UInt8(ascii: "=")) {
                nameBytes = pair[pair.startIndex..<equals]
                valueBytes = pair[pair.index(after: equals)...]
            } else {
                nameBytes = pair
                valueBytes = Data()[...]
            }
            let name = String(decoding: decode(nameBytes), as: UTF8.self)
            fields.append(FormField(name: name, filename: nil, contentType: nil, data: Data(decode(valueBytes))))
        }
        return FormData(fields: fields)
    }

    /// `+` to space and `%XX` to its byte; a malformed escape is kept literally.
    static func decode(_ bytes: Data.SubSequence) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                output.append(UInt8(ascii: " "))
                index += 1
            } else if byte == UInt8(ascii: "%"), index + 2 < bytes.endIndex,
                      let high = HexBytes.value(bytes[index + 1]), let low = HexBytes.value(bytes[index + 2]) {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(byte)
                index += 1
            }
        }
        return output
    }
}
