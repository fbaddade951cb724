/// Why the daemon cannot start; the exit status follows sysexits.h.
public enum DaemonError: Error, CustomStringConvertible {
    /// The configuration is invalid (EX_CONFIG, 78).
    case config(String)
    /// A resource could not be set up: state directory, lock, socket (EX_CANTCREAT, 73).
    case startup(String)

    public var description: String {
        switch self {
        case let .config(text), let .startup(text): text
        }
    }

    public var exitCode: Int32 {
        switch self {
        case .config: 78
        case .startup: 73
        }
    }
}
