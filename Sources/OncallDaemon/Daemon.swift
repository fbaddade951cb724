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
        let logger = {
            var logger = Logger(label: "oncalld")
            logger.logLevel = Logger.Level(rawValue: config.logLevel) ?? .info
            return logger
        }()

        // Sockets and files are born private; the socket is opened up to its mode after binding.
        umask(0o077)
        try makeDirectory(config.stateDir)
        let lock = try InstanceLock(path: config.stateDir + "/oncalld.lock")
        defer { withExtendedLifetime(lock) {} }
        let databasePath = config.stateDir + "/oncalld.sqlite"
        let store: SQLiteIncidentStore
        do {
            store = try SQLiteIncidentStore(path: databasePath)
        } catch {
            throw DaemonError.startup("cannot open the database \(databasePath): \(error)")
        }
        let migrations = (try? store.appliedMigrations().count) ?? 0
        logger.info("store open", metadata: ["store.path": "\(databasePath)", "store.migrations": "\(migrations)"])

        let holder = ConfigHolder(config)
        let clock = SystemClock()
        let metrics = HTTPMetrics()
        let wakeup = Wakeup()
        let policy: @Sendable () -> IncidentPolicy = { holder.config.policy }
        let notifications: @Sendable () -> NotificationPolicy? = { holder.runtime.notifications }
        let dispatcher = OutboxDispatcher(
            store: store, clock: clock, settings: { holder.runtime.delivery }, sender: MessageSender(multi: CurlMulti(maxConcurrent: 32)),
            onAttempt: { attempt, message, retryAt in
                metrics.recordDelivery(channel: message.channel, result: attempt.result)
                let level: Logger.Level = attempt.result == .delivered ? .info : .warning
                logger.log(level: level, "delivery \(attempt.result.rawValue)", metadata: [
                    "incident.id": "\(message.incident.map(String.init(describing:)) ?? "-")", "delivery.id": "\(message.id)", "delivery.channel": "\(message.channel)",
                    "delivery.attempt": "\(attempt.number)", "delivery.detail": "\(attempt.detail)",
                    "delivery.next": "\(retryAt.map { "retry at \($0)" } ?? (attempt.result == .delivered ? "done" : "dead"))",
                ])
            },
            onError: { error in logger.error("delivery cycle failed; retrying", metadata: ["error": "\(error)"]) })
        let engine = TimerEngine(
            store: store, clock: clock, policy: policy, notifications: notifications, dispatch: { holder.runtime.dispatch },
            postmortems: { holder.runtime.postmortems }, wakeup: wakeup,
            onFired: { timers in
                metrics.recordFired(timers)
                dispatcher.wake()
                for timer in timers {
                    logger.notice("timer fired", metadata: ["incident.id": "\(timer.incident)", "timer.kind": "\(timer.kind.rawValue)"])
                }
            },
            onError: { error in logger.error("timer cycle failed; retrying", metadata: ["error": "\(error)"]) }
        )
        let service = IncidentService(
            store: store, clock: clock, policy: policy, notifications: notifications,
            visits: store, dispatch: { holder.runtime.dispatch }, postmortems: { holder.runtime.postmortems },
            timersChanged: {
                wakeup.signal()
                dispatcher.wake()
            })
        let archive = ArchiveFiles(
            root: config.stateDir + "/reports", timeZone: { holder.config.calendar.timeZone },
            htmlPage: { title, markdown in WebPages.standalone(title: title, markdown: markdown) })
        let postmortems = PostmortemService(
            sources: .init(incidents: store, reports: store, deliveries: store, visits: store), clock: clock,
            policy: { holder.runtime.postmortems }, notifications: notifications, presentation: { holder.runtime.presentation },
            sha256: { SHA256Hex.of(Data($0.utf8)) },
            changed: { report in
                wakeup.signal()
                dispatcher.wake()
                guard report.state == .approved else { return }
                // The database holds the archive; the files are its copy, rewritten at start if this fails.
                do {
                    if let incident = try await store.incident(report.incident) { try archive.writeReport(report, incident: incident) }
                } catch {
                    logger.error("cannot write the archived report", metadata: ["incident.id": "\(report.incident)", "error": "\(error)"])
                }
            })
        do {
            let written = try await archive.reconcile(reports: store, incidents: store, documents: store)
            if written > 0 { logger.notice("archive files restored", metadata: ["archive.files": "\(written)"]) }
        } catch {
            logger.error("cannot restore the archive files", metadata: ["error": "\(error)"])
        }
        let periodic = PeriodicReportEngine(
            sources: .init(periodic: store, incidents: store, reports: store, visits: store), clock: clock,
            settings: { holder.runtime.periodic }, mail: { PeriodicMail.messages($0, config: holder.config) },
            onDocument: { document in
                dispatcher.wake()
                do { try archive.writeDocument(document) } catch {
                    logger.error("cannot write the document file", metadata: ["document.period": "\(document.period)", "error": "\(error)"])
                }
                logger.notice("\(document.kind.rawValue) document written", metadata: ["document.period": "\(document.period)"])
            },
            onError: { error in logger.error("regular documents cycle failed; retrying", metadata: ["error": "\(error)"]) })
        let statistics: @Sendable () async throws -> StoreStatistics = { try await store.statistics() }
        let maxBody: @Sendable () -> Int = { holder.config.http.maxBodyBytes }

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
        var dependencies = APIDependencies(
            service: service, metrics: metrics, clock: clock, statistics: statistics,
            deliveries: { try await store.deliveries(of: $0) },
            deliveryCounts: { try await store.deliveryCounts() },
            onCall: { at in OnCallView.snapshot(holder.config, at: at) },
            verifyLink: { token, now in
                holder.runtime.delivery.links?.verify(token, now: now).map {
                    APIDependencies.LinkClaims(incident: IncidentNumber($0.incident), action: $0.action.rawValue, person: $0.person)
                }
            },
            maxBodyBytes: maxBody, dispatchSetup: { holder.runtime.dispatch })
        // One ingest for every request: its Mailgun replay guard must outlive a request.
        let ingest = InboundIngest(
            service: service, store: store, clock: clock, integrations: { holder.runtime.integrations },
            rules: { holder.runtime.intakeRules },
            log: { [logger] message, fields in
                logger.notice("\(message)", metadata: fields.mapValues { .string($0) })
            })
        dependencies.inbound = { request in
            let answer = try await ingest.handle(
                kind: request.kind, name: request.name,
                request: InboundHTTPRequest(method: request.method, headers: request.headers, query: request.query, body: request.body))
            return (answer.status, answer.body)
        }
        dependencies.localMail = { mail in
            let answer = try await ingest.local(raw: mail.raw, envelopeTo: mail.envelopeTo, actor: mail.actor)
            return (answer.status, answer.fields)
        }
        dependencies.retryQuarantined = { id in
            let answer = try await ingest.retry(quarantined: id)
            return (answer.status, answer.fields)
        }
        dependencies.postmortems = postmortems
        dependencies.timeZone = config.calendar.timeZone
        let incidentStatistics: @Sendable (Date, Date) async throws -> IncidentStatistics = { from, until in
            let incidents = try await store.incidents(IncidentQuery(since: from, until: until, limit: 1_000_000))
            let visits = try await store.visits(VisitQuery(since: from, limit: 1_000_000)).filter { $0.dispatchedAt < until }
            return IncidentStatistics.compute(incidents: incidents, visits: visits, timeZone: holder.config.calendar.timeZone, now: clock.now)
        }
        dependencies.incidentStatistics = incidentStatistics
        dependencies.periodicDocuments = { kind, limit in try await store.periodicDocuments(kind: kind, limit: limit) }
        dependencies.quarantine = { status, limit in try await store.quarantine(status: status, limit: limit) }
        dependencies.quarantined = { id in try await store.quarantined(id) }
        dependencies.setQuarantineStatus = { id, status in try await store.setQuarantineStatus(id, status) }
        let socketApp = Application(
            router: APIRouter.build(transport: .unixSocket(policy: socketPolicy), dependencies: dependencies),
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
            WebRoutes(dependencies: webDependencies(
                holder: holder, store: store, service: service, postmortems: postmortems, statistics: incidentStatistics, clock: clock)
            ).register(on: tcpRouter)
        }
        let tcpApp = Application(
            router: tcpRouter,
            configuration: .init(address: .hostname(config.http.host, port: config.http.port), serverName: nil),
            onServerRunning: { _ in readiness.listenerBound() },
            logger: logger
        )
        let watchdog = WatchdogService(
            notifier: notifier,
            healthCheck: { (try? await store.statistics()) != nil },
            logger: logger
        )

        // Shutdown runs in reverse order: STOPPING=1 first, then the listeners drain, then the engine stops.
        let group = ServiceGroup(
            configuration: .init(
                services: [
                    .init(service: TimerEngineService(engine: engine)),
                    .init(service: DispatcherService(dispatcher: dispatcher)),
                    .init(service: PeriodicReportService(engine: periodic)),
                    .init(service: tcpApp),
                    .init(service: socketApp),
                    .init(service: ReloadService(path: configPath, holder: holder, notifier: notifier, logger: logger)),
                    watchdog.serviceConfiguration,
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
