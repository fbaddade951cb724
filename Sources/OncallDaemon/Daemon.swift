import Foundation
import Hummingbird
import Logging
import OncallConfig
import OncallCore
import OncallHTTP
import OncallCurl
import OncallInbound
import OncallNotify
import OncallStore
import OncallSystemd
import OncallWeb
import ServiceLifecycle
#if canImport(Glibc)
import Glibc
#endif

/// The composition root: loads the configuration, opens the store, and runs the timer engine, the
/// Unix-socket and TCP listeners, the SIGHUP reloader and the systemd notifications as one
/// `ServiceGroup`. SIGTERM/SIGINT stop it gracefully: in-flight requests finish, the store closes.
public enum Daemon {
    /// Runs until stopped; returns normally after a graceful stop, throws `DaemonError` at start-up.
    public static func run(configPath: String, config: DaemonConfig) async throws {
        let notifier = SystemdNotifier()
        var logger = Logger(label: "oncalld")
        logger.logLevel = Logger.Level(rawValue: config.logLevel) ?? .info

        // Sockets and files are born private; the socket is opened up to its mode after binding.
        umask(0o077)
        try makeDirectory(config.stateDir)
        let lock = try InstanceLock(path: config.stateDir + "/oncalld.lock")
        defer { withExtendedLifetime(lock) {} }
        let store = try await OpenedStore.open(config, logger: logger)

        let holder = ConfigHolder(config)
        let parts = Parts(holder: holder, repositories: store.repositories, clock: SystemClock(), metrics: HTTPMetrics(), logger: logger)
        let services = try await makeServices(parts, stateDir: config.stateDir)
        store.onOtherNodesWrites? {
            services.engine.wake()
            services.dispatcher.wake()
            services.requestTimers.wake()
        }
        let role = store.repositories.role
        let dependencies = APIDependencies(
            service: services.incidents, postmortems: services.postmortems, statistics: services.statistics, store: parts.repositories,
            ingest: IngestAdapter(ingest: services.ingest), settings: holder, metrics: parts.metrics, clock: parts.clock,
            maintenance: services.maintenance, requests: services.requests, heartbeats: services.heartbeats,
            calendarFeeds: services.calendarFeeds)
        let listeners = try makeListeners(parts, services: services, dependencies: dependencies, config: config, notifier: notifier)

        // Shutdown runs in reverse order: STOPPING=1 first, then the listeners drain, then the engine stops.
        let group = ServiceGroup(
            configuration: .init(
                services: store.background.map { .init(service: $0) } + [
                    .init(service: TimerEngineService(engine: services.engine, role: role)),
                    .init(service: DispatcherService(dispatcher: services.dispatcher, role: role)),
                    .init(service: PeriodicReportService(engine: services.periodic, role: role)),
                    .init(service: RequestTimerService(engine: services.requestTimers, role: role)),
                    // Done once; its end is not a reason to stop the others.
                    .init(service: services.reconcile, successTerminationBehavior: .ignore),
                    .init(service: HeartbeatMonitorService(heartbeats: services.heartbeats, role: role)),
                    .init(service: DispatchMetricsService(dependencies: dependencies, changed: services.changed, logger: logger)),
                    .init(service: listeners.tcp),
                    .init(service: listeners.socket),
                    .init(service: ReloadService(
                        path: configPath, holder: holder, notifier: notifier, logger: logger, reloaded: { services.heartbeatsChanged.signal() })),
                    WatchdogService(
                        notifier: notifier, healthCheck: { (try? await parts.repositories.health.statistics()) != nil }, logger: logger
                    ).serviceConfiguration,
                    .init(service: StoppingNotifierService(notifier: notifier)),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        notifier.status("starting")
        try await group.run()
        try store.close()
        unlink(config.socket.path)
        logger.notice("stopped")
    }

    /// What every builder shares.
    struct Parts: Sendable {
        let holder: ConfigHolder
        let repositories: Repositories
        let clock: SystemClock
        let metrics: HTTPMetrics
        let logger: Logger
    }

    /// The domain services and loops, wired to the store and to each other.
    struct Services: Sendable {
        let incidents: IncidentService
        let postmortems: PostmortemService
        let statistics: StatisticsService
        let engine: TimerEngine
        let dispatcher: OutboxDispatcher
        let periodic: PeriodicReportEngine
        let ingest: InboundIngest
        let maintenance: MaintenanceService
        let requests: ServiceRequestService
        let requestTimers: RequestTimerEngine
        let heartbeats: HeartbeatService
        /// Wakes the heartbeat loop after a reload (a new heartbeat, a shorter interval).
        let heartbeatsChanged: Wakeup
        let calendarFeeds: CalendarFeedService
        /// Rewrites missing archive files from the database, once, after start.
        let reconcile: ArchiveReconcileService
        /// Signalled after every commit and fired timer (refreshes the dispatch gauges).
        let changed: Wakeup
    }

    static func makeServices(_ parts: Parts, stateDir: String) async throws -> Services {
        let (holder, store, clock, metrics, logger) = (parts.holder, parts.repositories, parts.clock, parts.metrics, parts.logger)
        let wakeup = Wakeup()
        let changed = Wakeup()
        let dispatcher = makeDispatcher(parts)
        let engine = TimerEngine(
            store: store.timers, clock: clock, settings: holder, wakeup: wakeup,
            onFired: { timers in
                metrics.recordFired(timers)
                dispatcher.wake()
                changed.signal()
                for timer in timers {
                    logger.notice("timer fired", metadata: ["incident.id": "\(timer.incident)", "timer.kind": "\(timer.kind.rawValue)"])
                }
            },
            onUnknownKinds: { kinds in
                metrics.recordUnknownTimers(kinds)
                logger.error("due timers of unknown kinds left pending", metadata: ["timer.kinds": "\(kinds.sorted { $0.key < $1.key })"])
            },
            onError: { error in logger.error("timer cycle failed; retrying", metadata: ["error": "\(error)"]) }
        )
        let incidents = IncidentService(
            store: store.incidents, visits: store.visits, maintenance: store.maintenance, clock: clock, settings: holder,
            timersChanged: {
                wakeup.signal()
                dispatcher.wake()
                changed.signal()
            })
        let archive = ArchiveFiles(
            root: stateDir + "/reports", timeZone: { holder.config.calendar.timeZone },
            htmlPage: { title, markdown in WebPages.standalone(title: title, markdown: markdown) })
        let postmortems = PostmortemService(
            sources: .init(incidents: store.incidents, reports: store.postmortems, deliveries: store.deliveries, visits: store.visits),
            clock: clock, settings: holder, sha256: { SHA256Hex.of(Data($0.utf8)) },
            changed: { report in
                wakeup.signal()
                dispatcher.wake()
                guard report.state == .approved else { return }
                // The database holds the archive; the files are its copy, rewritten at start if this fails.
                do {
                    if let incident = try await store.incidents.incident(report.incident) { try archive.writeReport(report, incident: incident) }
                } catch {
                    logger.error("cannot write the archived report", metadata: ["incident.id": "\(report.incident)", "error": "\(error)"])
                }
            })
        let reconcile = ArchiveReconcileService {
            do {
                let written = try await archive.reconcile(reports: store.postmortems, incidents: store.incidents, documents: store.periodic)
                if written > 0 { logger.notice("archive files restored", metadata: ["archive.files": "\(written)"]) }
            } catch {
                logger.error("cannot restore the archive files", metadata: ["error": "\(error)"])
            }
        }
        let periodic = PeriodicReportEngine(
            sources: .init(
                periodic: store.periodic, incidents: store.incidents, reports: store.postmortems, visits: store.visits, requests: store.requests),
            clock: clock,
            settings: { holder.runtime.periodic }, mail: { PeriodicMail.messages($0, config: holder.config) },
            onDocument: { document in
                dispatcher.wake()
                do { try archive.writeDocument(document) } catch {
                    logger.error("cannot write the document file", metadata: ["document.period": "\(document.period)", "error": "\(error)"])
                }
                logger.notice("\(document.kind.rawValue) document written", metadata: ["document.period": "\(document.period)"])
            },
            onError: { error in logger.error("regular documents cycle failed; retrying", metadata: ["error": "\(error)"]) })
        let heartbeatsChanged = Wakeup()
        let heartbeats = HeartbeatService(
            store: store.heartbeats, incidentKeyed: { try await store.inbound.incident(idempotencyKey: $0)?.id }, incidents: incidents,
            clock: clock, heartbeats: { holder.runtime.heartbeats },
            onEvent: { event in
                metrics.recordHeartbeat(event)
                switch event {
                case let .beat(name, actor):
                    logger.info("heartbeat beat", metadata: ["heartbeat.name": "\(name)", "caller": "\(actor)"])
                case let .missed(name, incident, created):
                    logger.warning(created ? "heartbeat missed; incident opened" : "heartbeat missed; its incident was opened before",
                                   metadata: ["heartbeat.name": "\(name)", "incident.id": "\(incident)"])
                case let .resolved(name, incident):
                    logger.notice("heartbeat beat again; incident resolved", metadata: ["heartbeat.name": "\(name)", "incident.id": "\(incident)"])
                }
            },
            onError: { error in logger.error("heartbeat cycle failed; retrying", metadata: ["error": "\(error)"]) },
            wakeup: heartbeatsChanged)
        let requestWakeup = Wakeup()
        let requestSettings: @Sendable () -> ServiceRequestService.Settings = { holder.runtime.requests }
        let requestTimers = RequestTimerEngine(
            store: store.requests, clock: clock, settings: requestSettings, wakeup: requestWakeup,
            onFired: { timers in
                dispatcher.wake()
                for timer in timers {
                    logger.notice("request timer fired", metadata: [
                        "request.id": "\(timer.request)", "request.promise": "\(timer.deadline.rawValue)", "timer.action": "\(timer.action.rawValue)",
                    ])
                }
            },
            onError: { error in logger.error("request timer cycle failed; retrying", metadata: ["error": "\(error)"]) })
        let maintenance = MaintenanceService(store: store.maintenance, clock: clock, timersChanged: { wakeup.signal() })
        let requests = ServiceRequestService(
            store: store.requests, maintenance: maintenance, clock: clock, settings: requestSettings,
            changed: {
                requestWakeup.signal()
                dispatcher.wake()
            })
        // One ingest for every request: its Mailgun replay guard must outlive a request.
        let ingest = InboundIngest(
            service: incidents, store: store.inbound, clock: clock, integrations: { holder.runtime.integrations },
            rules: { holder.runtime.intakeRules }, heartbeats: heartbeats, requests: requests,
            log: { message, fields in logger.notice("\(message)", metadata: fields.mapValues { .string($0) }) })
        return Services(
            incidents: incidents, postmortems: postmortems,
            statistics: StatisticsService(incidents: store.incidents, visits: store.visits, clock: clock, settings: holder),
            engine: engine, dispatcher: dispatcher, periodic: periodic, ingest: ingest,
            maintenance: maintenance,
            requests: requests, requestTimers: requestTimers,
            heartbeats: heartbeats, heartbeatsChanged: heartbeatsChanged,
            calendarFeeds: CalendarFeedService(
                store: store.calendarFeeds, clock: clock, source: { holder.runtime.calendarFeeds }, sha256: { SHA256Hex.of(Data($0.utf8)) }),
            reconcile: reconcile, changed: changed)
    }

    static func makeDispatcher(_ parts: Parts) -> OutboxDispatcher {
        let (holder, metrics, logger) = (parts.holder, parts.metrics, parts.logger)
        return OutboxDispatcher(
            store: parts.repositories.deliveries, clock: parts.clock, settings: { holder.runtime.delivery },
            sender: MessageSender(multi: CurlMulti(maxConcurrent: 32)),
            onAttempt: { attempt, message, retryAt in
                metrics.recordDelivery(channel: message.channel, result: attempt.result)
                let level: Logger.Level = attempt.result == .delivered ? .info : .warning
                logger.log(level: level, "delivery \(attempt.result.rawValue)", metadata: [
                    "incident.id": "\(message.incident.map(String.init(describing:)) ?? "-")", "delivery.id": "\(message.id)",
                    "delivery.channel": "\(message.channel)", "delivery.attempt": "\(attempt.number)", "delivery.detail": "\(attempt.detail)",
                    "delivery.next": "\(retryAt.map { "retry at \($0)" } ?? (attempt.result == .delivered ? "done" : "dead"))",
                ])
            },
            onQueueReleased: { message, released in
                // The later messages to this recipient were held back behind the dead one; they go on now.
                logger.warning("dead message released the messages queued behind it", metadata: [
                    "incident.id": "\(message.incident.map(String.init(describing:)) ?? "-")", "delivery.id": "\(message.id)",
                    "delivery.queue": "\(message.queue)", "delivery.released": "\(released)",
                ])
            },
            onError: { error in logger.error("delivery cycle failed; retrying", metadata: ["error": "\(error)"]) })
    }

    /// The Unix-socket and TCP listeners, one router each over the same dependencies.
    static func makeListeners(
        _ parts: Parts, services: Services, dependencies: APIDependencies, config: DaemonConfig, notifier: SystemdNotifier
    ) throws -> (socket: Application<RouterResponder<OncallRequestContext>>, tcp: Application<RouterResponder<OncallRequestContext>>) {
        let (holder, logger) = (parts.holder, parts.logger)
        let socketGroupID = try socketGroup(config.socket)
        let socketPolicy: @Sendable () -> SocketAccessPolicy = {
            let config = holder.config
            // People with a unix_user are admitted as well as the listed extra users.
            return SocketAccessPolicy(
                daemonUID: getuid(), groupID: socketGroupID,
                allowedUsers: Set(config.socket.allowedUsers + config.people.compactMap(\.unixUser)))
        }
        let tokens: @Sendable () -> [(name: String, secret: String)] = {
            holder.config.http.tokens.map { ($0.name, $0.secret) }
        }
        let listenDescription = "\(config.socket.path) and \(config.http.host):\(config.http.port)"
        let readiness = Readiness(listeners: 2) {
            logger.notice("ready", metadata: ["socket.path": "\(config.socket.path)", "http.listen": "\(config.http.host):\(config.http.port)"])
            notifier.ready()
            notifier.status("running; listening on \(listenDescription)")
        }
        try LocalSocket.clearStale(at: config.socket.path)
        // Each listener has its own connection budget, so a flood on TCP cannot lock out oncallctl.
        let socketGuard = ConnectionGuard(requestTimeout: config.http.requestTimeout, maxConnections: config.http.maxConnections)
        let tcpGuard = ConnectionGuard(requestTimeout: config.http.requestTimeout, maxConnections: config.http.maxConnections)
        let socket = Application(
            router: APIRouter.build(transport: .unixSocket(policy: socketPolicy), dependencies: dependencies),
            server: .http1(configuration: .init(additionalChannelHandlers: [socketGuard.handler()])),
            configuration: .init(address: .unixDomainSocket(path: config.socket.path), serverName: nil),
            onServerRunning: { _ in
                do {
                    try LocalSocket.applyPermissions(path: config.socket.path, mode: config.socket.mode, groupID: socketGroupID)
                    readiness.listenerBound()
                } catch {
                    logger.critical("cannot secure the local socket", metadata: ["error": "\(error)"])
                }
            },
            logger: logger
        )
        let tcpRouter = APIRouter.build(transport: .tcp(tokens: tokens), dependencies: dependencies)
        if config.web.enabled {
            WebRoutes(dependencies: webDependencies(holder: holder, repositories: parts.repositories, services: services, clock: parts.clock))
                .register(on: tcpRouter)
        }
        let tcp = Application(
            router: tcpRouter,
            server: .http1(configuration: .init(additionalChannelHandlers: [tcpGuard.handler()])),
            configuration: .init(address: .hostname(config.http.host, port: config.http.port), serverName: nil),
            onServerRunning: { _ in readiness.listenerBound() },
            logger: logger
        )
        return (socket, tcp)
    }

    static func makeDirectory(_ path: String) throws(DaemonError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
        } catch {
            throw .startup("cannot create the state directory \(path): \(error.localizedDescription)")
        }
    }

    /// The group admitted to the socket: the configured one, else the daemon's own primary group.
    static func socketGroup(_ socket: SocketConfig) throws(DaemonError) -> UInt32 {
        guard let name = socket.group, !name.isEmpty else { return getgid() }
        guard let gid = UnixAccounts.groupID(named: name) else { throw .config("socket.group: no group named '\(name)'") }
        return gid
    }
}
