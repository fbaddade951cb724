import Foundation

/// A deadline a visit is held to, as data the caller turns into a durable timer.
public struct DispatchDeadline: Sendable, Equatable {
    /// Which promise.
    public var kind: DispatchDeadlineKind
    /// When it comes due; the timer fires then and `DispatchDeadlines.status` says whether it was met.
    public var dueAt: Date
    /// For `repair`: the earliest the repair is promised (3 working days); nil for the others.
    /// Shown to the customer; finishing earlier is no breach.
    public var notBefore: Date?

    /// A deadline.
    public init(kind: DispatchDeadlineKind, dueAt: Date, notBefore: Date? = nil) {
        self.kind = kind
        self.dueAt = dueAt
        self.notBefore = notBefore
    }
}
