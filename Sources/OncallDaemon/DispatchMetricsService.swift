import Foundation
import Logging
import OncallCore
import OncallHTTP
import ServiceLifecycle

/// Refreshes this month's visit-deadline gauges after a change (`changed` is signalled with every
/// commit and fired timer) and once a minute, so a `/metrics` scrape never loads the month's visits.
/// Refreshes are at least `spacing` apart, so a burst of reports costs one refresh, not one each.
struct DispatchMetricsService: Service {
    let dependencies: APIDependencies
    let changed: Wakeup
    let logger: Logger
    var interval: Duration = .seconds(60)
    var spacing: Duration = .seconds(1)

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await dependencies.refreshDispatchMetrics()
                } catch {
                    logger.warning("cannot refresh the dispatch gauges", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: spacing)
                await withTaskGroup(of: Void.self) { group in
                    group.addTask { try? await Task.sleep(for: interval) }
                    group.addTask { await changed.wait() }
                    await group.next()
                    group.cancelAll()
                }
            }
        }
    }
}
