import Foundation

/// What came back from a transfer.
public struct CurlResponse: Sendable {
    /// The last response code: the HTTP status, or the SMTP reply code of the last command.
    public var status: Int
    /// The response headers of the final HTTP response, in order (names as the server sent them).
    public var headers: [(String, String)]
    /// The response body.
    public var body: Data

    public init(status: Int, headers: [(String, String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first header with this name, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }

    /// The body as UTF-8 text, with invalid bytes replaced.
    public var text: String { String(decoding: body, as: UTF8.self) }
}
