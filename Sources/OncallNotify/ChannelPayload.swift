import Foundation

/// What a channel needs beyond the message's subject and body, stored as JSON text in
/// `OutboxMessage.extras` and read back as the same typed value when the message is sent.
///
/// Each channel names its payload type (`NotificationChannel.Payload`); the stored JSON carries no
/// kind of its own, the message's channel says which type to read it as.
public protocol ChannelPayload: Codable, Sendable, Equatable {}

extension ChannelPayload {
    /// The payload as `OutboxMessage.extras` stores it: JSON with sorted keys, so the same payload
    /// always makes the same text.
    public var extras: String {
        // Only strings, numbers and arrays of them go in, so encoding cannot fail.
        (try? extrasEncoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// Reads `extras` back; throws, saying which field is wrong, when the text is not this payload.
    public init(extras: String) throws(ExtrasDecodingError) {
        do {
            self = try JSONDecoder().decode(Self.self, from: Data(extras.utf8))
        } catch let error as DecodingError {
            throw ExtrasDecodingError(error)
        } catch {
            throw ExtrasDecodingError(reason: "\(error)")
        }
    }
}

/// One encoder for every payload (its settings never change after this, and encoding is thread-safe).
private let extrasEncoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return encoder
}()

/// Why a message's extras could not be read as its channel's payload, in a line for the delivery log.
public struct ExtrasDecodingError: Error, Equatable, CustomStringConvertible {
    /// E.g. `missing 'event'`, `'mentions' is not an array`, `not JSON`.
    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }

    init(_ error: DecodingError) {
        func path(_ context: DecodingError.Context, _ last: (any CodingKey)? = nil) -> String {
            (context.codingPath + (last.map { [$0] } ?? [])).map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
                .joined(separator: ".")
        }
        switch error {
        case let .keyNotFound(key, context): reason = "missing '\(path(context, key))'"
        case let .valueNotFound(_, context): reason = "'\(path(context))' is null"
        case let .typeMismatch(type, context):
            reason = context.codingPath.isEmpty ? "not a JSON object" : "'\(path(context))' is not \(Self.name(of: type))"
        case let .dataCorrupted(context): reason = context.codingPath.isEmpty ? "not JSON" : "'\(path(context))': \(context.debugDescription)"
        @unknown default: reason = "\(error)"
        }
    }

    private static func name(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is [Any].Type, is [String].Type: "an array"
        case is Int.Type: "an integer"
        case is [String: Any].Type: "an object"
        default: type == Any.self ? "a value" : "\(type)"
        }
    }

    public var description: String { reason }
}

/// The payload of a channel that needs nothing beyond subject and body (SMS): stored as `{}`.
public struct EmptyPayload: ChannelPayload {
    public init() {}
}
