import Logging
import OncallConfig
import OncallSystemd
import ServiceLifecycle
import UnixSignals

/// Reloads the configuration on SIGHUP. A bad new file keeps the old configuration running and
/// logs why; settings that need a restart are reported as such.
struct ReloadService: Service {
    let path: String
    let holder: ConfigHolder
    let notifier: SystemdNotifier
    let logger: Logger
    /// Called after a new configuration is in force (wakes the loops that read it per cycle).
    var reloaded: @Sendable () -> Void = {}

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        await cancelWhenGracefulShutdown {
            for await _ in signals { reload() }
        }
    }

    func reload() {
        notifier.reloading()
        defer { notifier.ready() }
        let old = holder.config
        let new: DaemonConfig
        do {
            new = try ConfigLoader.load(path: path)
        } catch {
            logger.error("reload refused; the previous configuration stays in force", metadata: ["reason": "\(error)"])
            notifier.status("reload failed: \(error.description); running the previous configuration")
            return
        }
        var needsRestart: [String] = []
        if new.stateDir != old.stateDir { needsRestart.append("state_dir") }
        if new.store != old.store { needsRestart.append("store") }
        if new.socket != old.socket { needsRestart.append("socket") }
        if new.http.host != old.http.host || new.http.port != old.http.port { needsRestart.append("http.listen") }
        if new.logLevel != old.logLevel { needsRestart.append("log.level") }
        if new.web.enabled != old.web.enabled { needsRestart.append("web.enabled") }
        if new.web.secureCookies != old.web.secureCookies { needsRestart.append("web.secure_cookies") }
        if new.web.sessionLifetime != old.web.sessionLifetime { needsRestart.append("web.session_lifetime") }
        holder.replace(with: new)
        reloaded()
        logger.notice("configuration reloaded", metadata: ["config.path": "\(path)"])
        if !needsRestart.isEmpty {
            logger.warning("some changed settings apply only after a restart", metadata: ["keys": "\(needsRestart.joined(separator: ", "))"])
        }
        notifier.status("running; configuration reloaded")
    }
}
