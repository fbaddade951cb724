import Foundation

/// Whose timer of a request: the owner's warning before a promise falls due, or the miss itself.
public enum RequestTimerAction: String, Sendable, Codable, CaseIterable {
    case warn
    case missed
}

/// A pending durable timer of a service request (one per request, promise and action).
public struct RequestTimer: Sendable, Equatable {
    public var request: RequestNumber
    public var deadline: RequestDeadlineName
    public var action: RequestTimerAction
    public var dueAt: Date

    public init(request: RequestNumber, deadline: RequestDeadlineName, action: RequestTimerAction, dueAt: Date) {
        self.request = request
        self.deadline = deadline
        self.action = action
        self.dueAt = dueAt
    }
}

/// A change to a request's timers, committed with the request.
public enum RequestTimerChange: Sendable, Equatable {
    case schedule(RequestDeadlineName, RequestTimerAction, dueAt: Date)
    /// Drops both timers of the promise.
    case cancel(RequestDeadlineName)
}

/// Someone to tell about a promise: its owner before it falls due, the project managers when missed.
public struct RequestNotice: Sendable, Equatable {
    public var action: RequestTimerAction
    public var name: RequestDeadlineName
    public var dueAt: Date
    public var recipients: [String]

    public init(action: RequestTimerAction, name: RequestDeadlineName, dueAt: Date, recipients: [String]) {
        self.action = action
        self.name = name
        self.dueAt = dueAt
        self.recipients = recipients
    }
}

/// What the lifecycle decided: the request as it is now, its timer changes and whom to tell.
/// The store commits all of it in one transaction.
public struct RequestChange: Sendable, Equatable {
    public var request: ServiceRequest
    public var timers: [RequestTimerChange]
    public var notices: [RequestNotice]
    /// The notices composed into messages (by the service, before the store commits).
    public var messages: [OutboxMessage]

    public init(request: ServiceRequest, timers: [RequestTimerChange] = [], notices: [RequestNotice] = [], messages: [OutboxMessage] = []) {
        self.request = request
        self.timers = timers
        self.notices = notices
        self.messages = messages
    }
}
