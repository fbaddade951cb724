import Foundation
import OncallHTTP
import ServiceLifecycle

/// Refreshes this month's visit-deadline gauges once a minute, so a `/metrics` scrape never
/// loads the month's visits itself.
struct DispatchMetricsService: Service {
    let dependencies: APIDependencies
    var interval: Duration = .seconds(60)

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await dependencies.refreshDispatchMetrics()
                try? await Task.sleep(for: interval)
            }
        }
    }
}
