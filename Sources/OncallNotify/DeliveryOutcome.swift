import OncallCore

/// What one delivery attempt came to, with what the far end answered.
public enum DeliveryOutcome: Sendable, Equatable, CustomStringConvertible {
    /// The far end accepted the message, e.g. `SMTP 250`, `HTTP 200 {"errcode":0,"errmsg":"ok"}`.
    case delivered(detail: String)
    /// It failed in a way that may pass later (connection, timeout, 5xx, 429, rate limits, SMTP 4xx): try again.
    case retryable(detail: String)
    /// Trying again will not help (4xx, bad signature, SMTP 5xx, login denied): give up on this message.
    case permanent(detail: String)

    /// What the far end answered, or the transport error.
    public var detail: String {
        switch self {
        case let .delivered(detail), let .retryable(detail), let .permanent(detail): detail
        }
    }

    /// Whether the message was accepted.
    public var isDelivered: Bool {
        if case .delivered = self { true } else { false }
    }

    /// Whether another attempt may succeed.
    public var isRetryable: Bool {
        if case .retryable = self { true } else { false }
    }

    /// The outcome as the delivery log records it.
    public var result: DeliveryResult {
        switch self {
        case .delivered: .delivered
        case .retryable: .retryable
        case .permanent: .permanent
        }
    }

    public var description: String { "\(result.rawValue): \(detail)" }
}
