import OncallConfig
import OncallCore
import OncallHTTP
import Synchronization

/// The configuration in force and what it means at run time. A reload swaps both whole, so a
/// request sees either the old or the new configuration, never a mix.
final class ConfigHolder: SettingsSource, APISettingsSource {
    private let state: Mutex<RuntimeSettings>

    init(_ config: DaemonConfig) {
        state = Mutex(RuntimeSettings(config))
    }

    var config: DaemonConfig { state.withLock { $0.config } }
    var runtime: RuntimeSettings { state.withLock { $0 } }
    var current: ServiceSettings { runtime.service }
    var api: APISettings { runtime.api }

    func replace(with config: DaemonConfig) {
        let runtime = RuntimeSettings(config)
        state.withLock { $0 = runtime }
    }
}
