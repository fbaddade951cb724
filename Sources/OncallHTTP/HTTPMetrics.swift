import Foundation
import Hummingbird
import OncallAPI
import OncallCore
import Prometheus

/// The daemon's Prometheus metrics: request counters and latencies kept here, incident and timer
/// gauges read from the store at scrape time.
public final class HTTPMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()

    public init() {}

    /// Counts one finished request and records its latency.
    func record(method: String, route: String, status: Int, transport: String, duration: Duration) {
        registry.makeCounter(descriptor: .init(metricName: "oncalld_http_requests_total", unitName: "", helpText: "HTTP requests answered, by route and status."), labels: [("method", method), ("route", route), ("status", String(status)), ("transport", transport)]).increment()
        registry.makeDurationHistogram(descriptor: .init(metricName: "oncalld_http_request_duration_seconds", unitName: "", helpText: "Time from request to response."), labels: [("method", method), ("route", route)], buckets: [.milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
                      .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5)]).record(duration)
    }

    /// Counts timers fired by kind.
    public func recordFired(_ timers: [DueTimer]) {
        for timer in timers {
            registry.makeCounter(descriptor: .init(metricName: "oncalld_timers_fired_total", unitName: "", helpText: "Durable timers fired, by kind."), labels: [("kind", timer.kind.rawValue)]).increment()
        }
    }

    /// Counts one delivery attempt by channel and result.
    public func recordDelivery(channel: String, result: DeliveryResult) {
        registry.makeCounter(descriptor: .init(metricName: "oncalld_delivery_attempts_total", unitName: "", helpText: "Delivery attempts, by channel and result."), labels: [("channel", channel), ("result", result.rawValue)]).increment()
    }

    /// Due timers no handler owns, left pending (another version's kinds), by kind.
    public func recordUnknownTimers(_ counts: [String: Int]) {
        for (kind, count) in counts {
            registry.makeCounter(descriptor: .init(metricName: "oncalld_timers_unknown_kind_total", unitName: "", helpText: "Due timers skipped because no handler owns their kind, by kind, per firing cycle."), labels: [("kind", kind)]).increment(by: Int64(count))
        }
    }

    /// Counts heartbeat beats and the misses that opened an incident, by heartbeat.
    public func recordHeartbeat(_ event: HeartbeatService.Event) {
        switch event {
        case let .beat(name, _):
            registry.makeCounter(descriptor: .init(metricName: "oncalld_heartbeat_beats_total", unitName: "", helpText: "Heartbeat beats received, by heartbeat."), labels: [("heartbeat", name)]).increment()
        case let .missed(name, _, created):
            guard created else { return }
            registry.makeCounter(descriptor: .init(metricName: "oncalld_heartbeat_misses_total", unitName: "", helpText: "Missed heartbeats that opened an incident, by heartbeat."), labels: [("heartbeat", name)]).increment()
        case .resolved:
            break
        }
    }

    /// Sets each heartbeat's gauges from its reading; called at scrape time.
    func setHeartbeats(_ readings: [HeartbeatService.Reading]) {
        for reading in readings {
            let labels = [("heartbeat", reading.heartbeat.name)]
            registry.makeGauge(descriptor: .init(metricName: "oncalld_heartbeat_missed", unitName: "", helpText: "1 while a heartbeat is missed (its outage's incident open or being opened), else 0."), labels: labels)
                .set(Double(reading.status == .missed ? 1 : 0))
            registry.makeGauge(descriptor: .init(metricName: "oncalld_heartbeat_last_beat_seconds", unitName: "", helpText: "Unix time of a heartbeat's last beat (0 before the first)."), labels: labels)
                .set(reading.state.lastBeatAt?.timeIntervalSince1970 ?? 0)
            registry.makeGauge(descriptor: .init(metricName: "oncalld_heartbeat_due_seconds", unitName: "", helpText: "Unix time a heartbeat is missed at without a beat (in an outage: when it was missed)."), labels: labels)
                .set(reading.state.dueAt.timeIntervalSince1970)
        }
    }

    /// Sets this month's visit-deadline gauges; called off the scrape path (`DispatchMetricsService`).
    public func setDispatchReport(_ dispatch: DispatchReportDTO) {
        for branch in dispatch.branches {
            for (deadline, counts) in branch.deadlines {
                for (outcome, value) in [("met", counts.met), ("breached", counts.breached), ("pending", counts.pending)] {
                    registry.makeGauge(descriptor: .init(metricName: "oncalld_dispatch_deadlines", unitName: "", helpText: "Field-visit deadlines this month, by branch, deadline and outcome."), labels: [("branch", branch.branch), ("deadline", deadline), ("outcome", outcome), ("month", dispatch.month)]).set(Double(value))
                }
            }
        }
    }

    /// The exposition text, after refreshing the gauges from `statistics` and the outbox counts.
    func render(_ statistics: StoreStatistics, deliveries: [DeliveryStatus: Int], role: ActiveRoleState) -> String {
        registry.makeGauge(descriptor: .init(metricName: "oncalld_active", unitName: "", helpText: "1 on the node that runs the timers and sends notifications, 0 on a standby."), labels: [("node", role.node)])
            .set(Double(role.active ? 1 : 0))
        registry.makeGauge(descriptor: .init(metricName: "oncalld_active_since_seconds", unitName: "", helpText: "Unix time since which the active node has held the role (0 when unknown)."), labels: [])
            .set(role.since?.timeIntervalSince1970 ?? 0)
        for status in DeliveryStatus.allCases {
            registry.makeGauge(descriptor: .init(metricName: "oncalld_deliveries", unitName: "", helpText: "Outbox messages by status (dead = gave up after the last retry)."), labels: [("status", status.rawValue)]).set(Double(deliveries[status] ?? 0))
        }
        for level in Level.allCases {
            for state in IncidentState.allCases {
                registry.makeGauge(descriptor: .init(metricName: "oncalld_incidents", unitName: "", helpText: "Incidents by level and state."), labels: [("level", String(level.rawValue)), ("state", state.rawValue)]).set(Double(statistics.incidents[level]?[state] ?? 0))
            }
        }
        for state in Postmortem.State.allCases {
            registry.makeGauge(descriptor: .init(metricName: "oncalld_postmortems", unitName: "", helpText: "Fault reports by state."), labels: [("state", state.rawValue)])
                .set(Double(statistics.postmortems[state] ?? 0))
        }
        registry.makeGauge(descriptor: .init(metricName: "oncalld_timers_pending", unitName: "", helpText: "Durable timers waiting to fire."), labels: [])
            .set(Double(statistics.pendingTimers))
        registry.makeGauge(descriptor: .init(metricName: "oncalld_timers_pending_unknown_kind", unitName: "", helpText: "Pending timers of a kind this version has no handler for."), labels: [])
            .set(Double(statistics.pendingTimersOfUnknownKind))
        registry.makeGauge(descriptor: .init(metricName: "oncalld_store_unreadable_rows", unitName: "", helpText: "Stored rows this version could not read since start (an unknown timeline kind, say)."), labels: [])
            .set(Double(statistics.unreadableRows))
        registry.makeGauge(descriptor: .init(metricName: "oncalld_store_commits", unitName: "", helpText: "Transactions committed by the group-commit writer since start."), labels: [])
            .set(Double(statistics.commitBatches))
        registry.makeGauge(descriptor: .init(metricName: "oncalld_store_committed_writes", unitName: "", helpText: "Writes carried by those transactions since start."), labels: [])
            .set(Double(statistics.committedWrites))
        return registry.emitToString()
    }
}

/// Records each request in `HTTPMetrics`, labelled by the matched route pattern.
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = OncallRequestContext
    let metrics: HTTPMetrics
    let transport: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var status = 500
        defer {
            metrics.record(
                method: request.method.rawValue, route: context.endpointPath ?? "unmatched", status: status,
                transport: transport, duration: ContinuousClock.now - start)
        }
        let response = try await next(request, context)
        status = response.status.code
        return response
    }
}

extension APIDependencies {
    /// Recomputes this month's visit-deadline gauges (nothing when dispatch is not configured).
    public func refreshDispatchMetrics() async throws {
        if let report = try await DispatchRoutes(dependencies: self).currentMonthReport() { metrics.setDispatchReport(report) }
    }
}
