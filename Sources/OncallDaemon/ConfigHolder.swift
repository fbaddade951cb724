import OncallConfig
import Synchronization

/// The configuration in force and what it means at run time. A reload swaps both whole, so a
/// request sees either the old or the new configuration, never a mix.
final class ConfigHolder: Sendable {
    private let current: Mutex<RuntimeSettings>

    init(_ config: DaemonConfig) {
        current = Mutex(RuntimeSettings(config))
    }

    var config: DaemonConfig { current.withLock { $0.config } }
    var runtime: RuntimeSettings { current.withLock { $0 } }

    func replace(with config: DaemonConfig) {
        let runtime = RuntimeSettings(config)
        current.withLock { $0 = runtime }
    }
}
