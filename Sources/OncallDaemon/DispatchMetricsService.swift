import Foundation
import OncallCore
import OncallHTTP
import ServiceLifecycle

/// Refreshes this month's visit-deadline gauges after a change (`changed` is signalled with every
/// commit and fired timer) and once a minute, so a `/metrics` scrape never loads the month's visits.
struct DispatchMetricsService: Service {
    let dependencies: APIDependencies
    let changed: Wakeup
    var interval: Duration = .seconds(60)

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await dependencies.refreshDispatchMetrics()
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
