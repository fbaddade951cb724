import OncallSystemd
import ServiceLifecycle

/// Tells systemd `STOPPING=1` as soon as graceful shutdown begins (it is the group's last
/// service, so it is the first to be told).
struct StoppingNotifierService: Service {
    let notifier: SystemdNotifier

    func run() async throws {
        try? await gracefulShutdown()
        notifier.status("stopping: finishing in-flight requests")
        notifier.stopping()
    }
}
