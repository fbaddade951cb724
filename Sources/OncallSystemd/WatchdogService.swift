import Logging
import ServiceLifecycle

/// Keeps the systemd watchdog (`WatchdogSec=`) fed while the daemon is healthy.
///
/// Every half of the watchdog interval it runs `healthCheck`; only when that returns `true` does
/// it send `WATCHDOG=1`. A wedged daemon (the check hangs or keeps failing) therefore stops
/// pinging and systemd kills and restarts it (`Restart=on-failure`).
///
/// `run()` returns at once when the watchdog is disabled (no `WATCHDOG_USEC`), and returns
/// normally on graceful shutdown or cancellation. Because of the first case, add it to a
/// `ServiceGroup` with `successTerminationBehavior: .ignore` (see ``serviceConfiguration``):
/// the default, `.cancelGroup`, would stop the whole daemon when the watchdog is off.
public struct WatchdogService: Service {
    private let notifier: SystemdNotifier
    private let healthCheck: @Sendable () async -> Bool
    private let sleep: @Sendable (Duration) async throws -> Void
    private let logger: Logger

    /// Creates the service.
    ///
    /// - Parameters:
    ///   - notifier: Sends `WATCHDOG=1` and knows the interval.
    ///   - healthCheck: Returns `true` while the daemon works (for example: the database answers
    ///     and the timer loop made progress). It should itself finish well within half the
    ///     watchdog interval.
    ///   - clock: The clock to sleep on; tests may pass their own.
    ///   - logger: Where health transitions (healthy → failing → healthy) are logged.
    public init(
        notifier: SystemdNotifier,
        healthCheck: @escaping @Sendable () async -> Bool,
        clock: some Clock<Duration> = ContinuousClock(),
        logger: Logger = Logger(label: "oncalld.watchdog")
    ) {
        self.notifier = notifier
        self.healthCheck = healthCheck
        self.sleep = { duration in try await clock.sleep(for: duration) }
        self.logger = logger
    }

    /// This service wrapped for a `ServiceGroup`, with `successTerminationBehavior: .ignore` so
    /// that returning at once (watchdog disabled) does not stop the other services.
    public var serviceConfiguration: ServiceGroupConfiguration.ServiceConfiguration {
        .init(
            service: self,
            successTerminationBehavior: .ignore,
            failureTerminationBehavior: .gracefullyShutdownGroup,
            serviceName: "WatchdogService"
        )
    }

    /// Pings the watchdog until graceful shutdown or cancellation.
    public func run() async throws {
        guard let interval = notifier.watchdogInterval else {
            logger.debug("systemd watchdog disabled; WatchdogService not running")
            return
        }
        let period = interval / 2
        logger.info("systemd watchdog enabled", metadata: ["watchdog.interval": "\(interval)"])
        let notifier = self.notifier
        let healthCheck = self.healthCheck
        let sleep = self.sleep
        let logger = self.logger
        do {
            try await cancelWhenGracefulShutdown {
                var healthy = true
                while !Task.isCancelled {
                    let nowHealthy = await healthCheck()
                    if Task.isCancelled { break }
                    if nowHealthy {
                        notifier.watchdog()
                        if !healthy { logger.notice("health check passes again; watchdog pings resumed") }
                    } else if healthy {
                        logger.error(
                            "health check failed; watchdog pings withheld (systemd restarts the daemon if this lasts)"
                        )
                    }
                    healthy = nowHealthy
                    try await sleep(period)
                }
            }
        } catch is CancellationError {
            // Graceful shutdown or cancellation: a normal end.
        }
    }
}
