import Foundation
import OncallMail

/// Accumulates MultipartKit's callbacks into fields. A class because the parser's callbacks
/// are escaping closures that all need the same mutable state; it never leaves
/// `MultipartFormParser.parse`, so it needs no synchronization.
final class MultipartPartCollector {
    var fields: [FormField] = []
    var headers: [(String, String)] = []
    var bytes: [UInt8] = []
    var inPart = false
    var sawPart = false
    var tooMany = false
    var unnamedParts = 0

    /// One header line of the current part.
    func header(_ name: String, _ value: String) {
        inPart = true
        headers.append((name, value))
    }

    /// A chunk of the current part's body.
    func body(_ chunk: some Sequence<UInt8>) {
        inPart = true
        bytes.append(contentsOf: chunk)
    }

    /// The current part ended at a boundary: keep it as a field if it has a name.
    func complete() {
        defer {
            headers = []
            bytes = []
            inPart = false
        }
        sawPart = true
        guard !tooMany else { return }
        guard fields.count < FormData.maxFields else {
            tooMany = true
            return
        }
        func header(_ name: String) -> String? {
            headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
        }
        // A part without a Content-Disposition name is not a form field; skip it (counted, so
        // the mail carries a warning) rather than refuse the whole post.
        guard let disposition = header("Content-Disposition"), let name = ParameterizedValue.parse(disposition)["name"] else {
            unnamedParts += 1
            return
        }
        let parameters = ParameterizedValue.parse(disposition)
        fields.append(FormField(name: name, filename: parameters["filename"], contentType: header("Content-Type"), data: Data(bytes)))
    }
}
