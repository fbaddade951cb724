import Foundation

/// Durable service requests, each stored whole with its pending promise timers. Every change (a
/// submission, a step, a fired timer) commits the request, its timer changes and its messages together.
public protocol ServiceRequestStore: Sendable {
    /// Numbers a new request (`REQ-…`, counted apart from incidents) and commits what `make` decides for it.
    ///
    /// With an `idempotencyKey` (an inbound mail's dedup key) the key is committed in the same
    /// transaction as the request, and a key seen before returns that earlier request with
    /// `created: false` and commits nothing, so a webhook retried by its provider makes one request.
    func submitRequest(
        idempotencyKey: String?, _ make: @escaping @Sendable (RequestNumber) throws -> RequestChange
    ) async throws -> (request: ServiceRequest, created: Bool)
    func request(_ number: RequestNumber) async throws -> ServiceRequest?
    /// Requests matching `query`, newest first.
    func requests(_ query: RequestQuery) async throws -> [ServiceRequest]
    /// Reads the request, lets `decide` change it and commits the change, in one transaction; nil for an unknown number.
    func updateRequest(
        _ number: RequestNumber, _ decide: @escaping @Sendable (ServiceRequest) throws -> RequestChange
    ) async throws -> ServiceRequest?
    /// The request's pending timers, by due time.
    func pendingRequestTimers(of number: RequestNumber) async throws -> [RequestTimer]
    /// The due time of the earliest pending request timer of a promise this version knows.
    func nextRequestTimerDue() async throws -> Date?
    /// Fires up to `limit` timers due at or before `now`: each is marked fired in the transaction that
    /// commits what `decide` made of it, so a crash can neither lose nor repeat one.
    func fireDueRequestTimers(
        now: Date, limit: Int, decide: @escaping @Sendable (RequestTimer, ServiceRequest) -> RequestChange
    ) async throws -> [RequestTimer]
}

extension ServiceRequestStore {
    /// Numbers and commits a new request that no retry can repeat (submitted over the socket or API).
    public func submitRequest(_ make: @escaping @Sendable (RequestNumber) throws -> RequestChange) async throws -> ServiceRequest {
        try await submitRequest(idempotencyKey: nil, make).request
    }
}

/// Which requests to list.
public struct RequestQuery: Sendable, Equatable {
    /// Only open (true) or only closed (false) requests; nil for both.
    public var open: Bool?
    public var kind: RequestKind?
    public var owner: String?
    /// Submitted at or after.
    public var since: Date?
    public var limit: Int

    public init(open: Bool? = nil, kind: RequestKind? = nil, owner: String? = nil, since: Date? = nil, limit: Int = 100) {
        self.open = open
        self.kind = kind
        self.owner = owner
        self.since = since
        self.limit = limit
    }

    /// Whether `request` is one the query asks for (what the SQL stores filter on, for stores without SQL).
    public func matches(_ request: ServiceRequest) -> Bool {
        (open.map { $0 == request.isOpen } ?? true) && (kind.map { $0 == request.kind } ?? true)
            && (owner.map { $0 == request.owner } ?? true) && (since.map { request.submittedAt >= $0 } ?? true)
    }
}
