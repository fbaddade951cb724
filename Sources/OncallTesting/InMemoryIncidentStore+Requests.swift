import Foundation
import OncallCore

/// Service requests in memory, each change applied under the store's lock as a transaction would:
/// a decision that throws changes nothing; messages join the shared outbox.
extension InMemoryIncidentStore: ServiceRequestStore {
    public func submitRequest(
        idempotencyKey: String?, _ make: @escaping @Sendable (RequestNumber) throws -> RequestChange
    ) async throws -> (request: ServiceRequest, created: Bool) {
        try state.withLock { state in
            if let idempotencyKey, let number = state.requestKeys[idempotencyKey], let request = state.requests[number] {
                return (request, false)
            }
            let number = RequestNumber(Int64(state.requests.count) + 1)
            let change = try make(number)
            Self.apply(change, to: &state)
            if let idempotencyKey { state.requestKeys[idempotencyKey] = number }
            return (change.request, true)
        }
    }

    public func request(_ number: RequestNumber) async throws -> ServiceRequest? {
        state.withLock { $0.requests[number] }
    }

    public func requests(_ query: RequestQuery) async throws -> [ServiceRequest] {
        state.withLock { state in
            Array(state.requests.values.filter(query.matches).sorted { $0.number > $1.number }.prefix(query.limit))
        }
    }

    public func updateRequest(
        _ number: RequestNumber, _ decide: @escaping @Sendable (ServiceRequest) throws -> RequestChange
    ) async throws -> ServiceRequest? {
        try state.withLock { state in
            guard let request = state.requests[number] else { return nil }
            let change = try decide(request)
            Self.apply(change, to: &state)
            return change.request
        }
    }

    public func pendingRequestTimers(of number: RequestNumber) async throws -> [RequestTimer] {
        state.withLock { state in
            state.requestTimers.filter { $0.request == number }
                .sorted { ($0.dueAt, $0.deadline.rawValue, $0.action.rawValue) < ($1.dueAt, $1.deadline.rawValue, $1.action.rawValue) }
        }
    }

    public func nextRequestTimerDue() async throws -> Date? {
        state.withLock { $0.requestTimers.map(\.dueAt).min() }
    }

    public func fireDueRequestTimers(
        now: Date, limit: Int, decide: @escaping @Sendable (RequestTimer, ServiceRequest) -> RequestChange
    ) async throws -> [RequestTimer] {
        state.withLock { state in
            let due = state.requestTimers.filter { $0.dueAt <= now }.sorted { ($0.dueAt, $0.request) < ($1.dueAt, $1.request) }.prefix(limit)
            for timer in due {
                state.requestTimers.removeAll { $0 == timer }
                if let request = state.requests[timer.request] { Self.apply(decide(timer, request), to: &state) }
            }
            return Array(due)
        }
    }

    static func apply(_ change: RequestChange, to state: inout State) {
        let number = change.request.number
        state.requests[number] = change.request
        for timerChange in change.timers {
            switch timerChange {
            case let .schedule(name, action, dueAt):
                state.requestTimers.removeAll { $0.request == number && $0.deadline == name && $0.action == action }
                state.requestTimers.append(RequestTimer(request: number, deadline: name, action: action, dueAt: dueAt))
            case let .cancel(name):
                state.requestTimers.removeAll { $0.request == number && $0.deadline == name }
            }
        }
        state.messages += change.messages
        state.writes += 1
    }
}
