import Foundation

/// What an inbound endpoint answers: the HTTP status and a small JSON object.
public struct InboundAnswer: Sendable, Equatable {
    public var status: Int
    public var fields: [String: String]

    public init(status: Int, fields: [String: String]) {
        self.status = status
        self.fields = fields
    }

    /// The body as JSON bytes.
    public var body: Data {
        (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data("{}".utf8)
    }
}
