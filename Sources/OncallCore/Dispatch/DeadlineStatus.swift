import Foundation

/// Where a visit stands against one deadline.
public enum DeadlineStatus: Sendable, Equatable {
    /// Not met yet and not yet due.
    case pending
    /// Met at this instant, at or before the deadline.
    case met(at: Date)
    /// Due and not met in time; `metLateAt` is when it was met after all, nil while it is still
    /// outstanding (the second stage, the emergency group, is only for outstanding breaches).
    case breached(metLateAt: Date?)
    /// The visit was declined or cancelled before the deadline came due, so this visit no
    /// longer answers for it; a re-dispatch carries the promise on.
    case void

    /// Whether the deadline was breached (late or still outstanding).
    public var isBreached: Bool {
        if case .breached = self { return true }
        return false
    }

    /// Whether the deadline was breached and is still not met.
    public var isOutstandingBreach: Bool { self == .breached(metLateAt: nil) }
}
