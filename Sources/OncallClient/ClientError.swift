import OncallAPI

/// Why a call to oncalld failed.
public enum ClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No answer: the socket is missing, refuses connections, broke the connection or timed out.
    case unreachable(socketPath: String, reason: String)
    /// The daemon answered with an error status (4xx/5xx) and said why.
    case refused(status: Int, APIErrorBody)
    /// The daemon answered something this client cannot read.
    case badResponse(String)

    public var description: String {
        switch self {
        case let .unreachable(socketPath, reason): "cannot reach oncalld at \(socketPath): \(reason)"
        case let .refused(_, body): body.error.message
        case let .badResponse(text): "unexpected answer from oncalld: \(text)"
        }
    }
}
