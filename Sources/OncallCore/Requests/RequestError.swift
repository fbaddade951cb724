/// Why a service request could not be submitted or changed; nothing was stored.
public enum RequestError: Error, Equatable, CustomStringConvertible {
    case notFound(RequestNumber)
    /// The step is not one of the kind's, or its prerequisite is not on the timeline yet.
    case stepNotAllowed(RequestNumber, RequestStep, reason: String)
    case invalidField(String, String)

    public var description: String {
        switch self {
        case let .notFound(number): "no service request \(number)"
        case let .stepNotAllowed(number, step, reason): "\(number): step \(step.rawValue) is not allowed: \(reason)"
        case let .invalidField(field, message): "\(field): \(message)"
        }
    }
}
