import Foundation

/// The service-request use cases: submit, record a step, read, list the release windows. Reads the
/// clock and the settings once per request; the lifecycle decides, the composer turns its notices
/// into messages, the store commits all of it; `changed` wakes the request timers and the outbox.
public struct ServiceRequestService: Sendable {
    /// What one operation decides with.
    public struct Settings: Sendable {
        public var policy: RequestPolicy
        public var composer: any RequestMessageComposer

        public init(policy: RequestPolicy, composer: any RequestMessageComposer = SilentRequestComposer()) {
            self.policy = policy
            self.composer = composer
        }

        /// The change with its notices composed into messages.
        func composed(_ change: RequestChange, now: Date) -> RequestChange {
            var change = change
            change.messages += change.notices.flatMap { composer.compose($0, request: change.request, now: now) }
            return change
        }
    }

    let store: any ServiceRequestStore
    let maintenance: MaintenanceService?
    let clock: any OncallClock
    let settings: @Sendable () -> Settings
    let changed: @Sendable () -> Void

    /// - Parameter maintenance: holds a release's services' pages for its window; nil holds none.
    public init(
        store: any ServiceRequestStore, maintenance: MaintenanceService? = nil, clock: any OncallClock,
        settings: @escaping @Sendable () -> Settings, changed: @escaping @Sendable () -> Void = {}
    ) {
        self.store = store
        self.maintenance = maintenance
        self.clock = clock
        self.settings = settings
        self.changed = changed
    }

    /// Stores a new request; a bad form throws `RequestError` before a number is reserved.
    public func submit(_ form: ServiceRequest.Form, actor: String) async throws -> ServiceRequest {
        try await submit(form, actor: actor, idempotencyKey: nil).request
    }

    /// Stores a new request once per `idempotencyKey` (an inbound mail's dedup key): a repeat
    /// returns the request the key made before, with `created: false`. A release naming services first
    /// gets the maintenance window that holds their pages during its release window.
    public func submit(
        _ form: ServiceRequest.Form, actor: String, idempotencyKey: String?
    ) async throws -> (request: ServiceRequest, created: Bool) {
        let (now, settings) = (clock.now, settings())
        let checked = try RequestLifecycle.submit(form, number: RequestNumber(1), actor: actor, policy: settings.policy, now: now).request
        let window = try await holdPages(for: checked, actor: actor)
        do {
            let submitted = try await store.submitRequest(idempotencyKey: idempotencyKey) { number in
                var change = try RequestLifecycle.submit(form, number: number, actor: actor, policy: settings.policy, now: now)
                change.request.maintenanceWindow = window?.id
                return settings.composed(change, now: now)
            }
            // A repeated key made nothing new: the window made for it must not hold anything.
            if !submitted.created, let window { _ = try? await maintenance?.end(window.id, actor: actor) }
            if submitted.created { changed() }
            return submitted
        } catch {
            // The request was not stored: its window must not hold anything.
            if let window { _ = try? await maintenance?.end(window.id, actor: actor) }
            throw error
        }
    }

    /// The maintenance window over a release's window for the services it names, if any.
    func holdPages(for request: ServiceRequest, actor: String) async throws -> MaintenanceWindow? {
        guard let maintenance, let window = request.window, let services = request.form.services, !services.isEmpty else { return nil }
        let reason = "版本发布 Release: \(request.form.subject)"
        return try await maintenance.add(
            MaintenanceRequest(startsAt: window.start, endsAt: window.end, services: services, reason: reason), actor: actor)
    }

    /// Records a step; throws `RequestError` (nothing stored) for an unknown request or a step out of order.
    public func record(
        _ step: RequestStep, on number: RequestNumber, actor: String, note: String? = nil, promisedDate: LocalDate? = nil
    ) async throws -> ServiceRequest {
        let (now, settings) = (clock.now, settings())
        let request = try await store.updateRequest(number) { request in
            settings.composed(
                try RequestLifecycle.record(step, on: request, actor: actor, note: note, promisedDate: promisedDate, policy: settings.policy, now: now),
                now: now)
        }
        guard let request else { throw RequestError.notFound(number) }
        // A release withdrawn before its window frees its services' pages.
        if step == .cancelled, let window = request.maintenanceWindow { _ = try await maintenance?.end(window, actor: actor) }
        changed()
        return request
    }

    public func request(_ number: RequestNumber) async throws -> ServiceRequest {
        guard let request = try await store.request(number) else { throw RequestError.notFound(number) }
        return request
    }

    public func requests(_ query: RequestQuery) async throws -> [ServiceRequest] {
        try await store.requests(query)
    }

    /// The release windows of the next `weeks` weeks, holidays moved to the next working day.
    public func releases(weeks: Int) -> [ReleaseWindow] {
        let policy = settings().policy
        return policy.releases.windows(after: clock.now, weeks: weeks, calendar: policy.calendar)
    }

    /// The share of promises kept per kind and month, over the requests submitted since `since`.
    public func statistics(since: Date?) async throws -> RequestStatistics {
        let requests = try await store.requests(RequestQuery(since: since, limit: 100_000))
        return RequestStatistics.compute(requests, timeZone: settings().policy.calendar.timeZone, now: clock.now)
    }
}
