import Foundation

/// The parts of an HTTP request the decoders need.
///
/// The HTTP layer fills this from whatever server it runs; the decoders never see a socket,
/// so every provider format is testable with plain values.
public struct InboundHTTPRequest: Sendable {
    /// The request method (`POST` for every provider).
    public var method: String
    /// Header fields in order; names compare case-insensitively.
    public var headers: [(String, String)]
    /// Query parameters, percent-decoded (`?key=` carries SendGrid's URL secret).
    public var query: [String: String]
    /// The body exactly as received.
    public var body: Data

    /// A request from its parts.
    /// - Parameters:
    ///   - method: The request method.
    ///   - headers: Header fields in order.
    ///   - query: Decoded query parameters.
    ///   - body: The raw body.
    public init(method: String = "POST", headers: [(String, String)] = [], query: [String: String] = [:], body: Data = Data()) {
        self.method = method
        self.headers = headers
        self.query = query
        self.body = body
    }

    /// The value of the first header with this name, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }
}
