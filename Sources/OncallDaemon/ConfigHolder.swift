import OncallConfig
import Synchronization

/// The configuration in force. A reload swaps it whole, so a request sees either the old or
/// the new configuration, never a mix.
final class ConfigHolder: Sendable {
    private let current: Mutex<DaemonConfig>

    init(_ config: DaemonConfig) {
        current = Mutex(config)
    }

    var config: DaemonConfig { current.withLock { $0 } }

    func replace(with config: DaemonConfig) {
        current.withLock { $0 = config }
    }
}
