import Crypto
import Foundation
import OncallMail
@testable import OncallInbound

/// The fixed test epoch: 2023-11-14T22:13:20Z.
let t0 = Date(timeIntervalSince1970: 1_700_000_000)

/// Files under `Fixtures/`.
enum Fixture {
    static func url(_ path: String) -> URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(path)
    }

    static func data(_ path: String) throws -> Data { try Data(contentsOf: url(path)) }

    static func text(_ path: String) throws -> String { String(decoding: try data(path), as: UTF8.self) }
}

/// A `multipart/form-data` body assembled byte by byte the way the providers' posts look on the
/// wire (CRLF line ends, `--boundary` delimiters, a closing `--boundary--`), independent of
/// MultipartKit, which only the code under test uses.
struct MultipartBody {
    let boundary: String
    private(set) var data = Data()

    init(boundary: String) { self.boundary = boundary }

    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    /// A text field in UTF-8.
    mutating func field(_ name: String, _ value: String) {
        field(name, bytes: Array(value.utf8))
    }

    /// A field whose value is given as bytes (a legacy charset), with an optional part type.
    mutating func field(_ name: String, bytes: [UInt8], contentType: String? = nil) {
        append("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n")
        if let contentType { append("Content-Type: \(contentType)\r\n") }
        append("\r\n")
        data.append(contentsOf: bytes)
        append("\r\n")
    }

    /// A file part.
    mutating func file(_ name: String, filename: String, contentType: String, data file: Data) {
        append("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\n")
        append("Content-Type: \(contentType)\r\n\r\n")
        data.append(file)
        append("\r\n")
    }

    /// The body with its closing delimiter.
    func finished() -> Data {
        var body = data
        body.append(contentsOf: Array("--\(boundary)--\r\n".utf8))
        return body
    }

    private mutating func append(_ text: String) { data.append(contentsOf: Array(text.utf8)) }
}

/// `application/x-www-form-urlencoded` as HTML forms and Mailgun encode it: unreserved bytes
/// kept, space as `+`, everything else `%XX` of its UTF-8 bytes.
enum URLEncodedForm {
    static func encode(_ pairs: [(String, String)]) -> Data {
        Data(pairs.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&").utf8)
    }

    static func escape(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "*"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: " "):
                output += "+"
            default:
                output += String(format: "%%%02X", byte)
            }
        }
        return output
    }
}

/// Bytes from a hex string (legacy-charset test text, computed with Python's codecs).
func hexBytes(_ hex: String) -> [UInt8] {
    var bytes: [UInt8] = []
    var index = hex.startIndex
    while index < hex.endIndex {
        let next = hex.index(index, offsetBy: 2)
        bytes.append(UInt8(hex[index..<next], radix: 16)!)
        index = next
    }
    return bytes
}

/// `Authorization: Basic …` for a user and password.
func basicAuthorization(_ user: String, _ password: String) -> (String, String) {
    ("Authorization", "Basic " + Data("\(user):\(password)".utf8).base64EncodedString())
}

/// Runs the decoder with a replay store that knows `seen`.
func decode(
    _ request: InboundHTTPRequest, _ integration: InboundIntegration, now: Date = t0, seen: Set<String> = []
) throws(InboundError) -> InboundPayload {
    try InboundDecoder.decode(request, integration: integration, now: now) { seen.contains($0) }
}

/// The error the decoder throws, or nil when it succeeds.
func refusal(
    _ request: InboundHTTPRequest, _ integration: InboundIntegration, now: Date = t0, seen: Set<String> = []
) -> InboundError? {
    do {
        _ = try decode(request, integration, now: now, seen: seen)
        return nil
    } catch {
        return error
    }
}

/// The mail of a `.mail` payload.
func mail(_ payload: InboundPayload) -> (mail: ParsedMail, envelopeTo: [String], eventID: String?)? {
    guard case let .mail(mail, envelopeTo, eventID) = payload else { return nil }
    return (mail, envelopeTo, eventID)
}
