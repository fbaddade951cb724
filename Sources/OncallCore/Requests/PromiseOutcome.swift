import Foundation

/// How a request's promise stands: kept (met by its due time), missed (met late, or not met by
/// its due time), or open (not yet due and not yet met).
public enum PromiseOutcome: String, Sendable, Equatable {
    case kept, missed, open
}

extension ServiceRequest.Deadline {
    /// The promise's outcome at `now`; nil for one cancelled before it was met or missed, which counts nowhere.
    public func outcome(now: Date) -> PromiseOutcome? {
        guard cancelledAt == nil || metAt != nil || missedAt != nil else { return nil }
        if kept { return .kept }
        if metAt != nil || missedAt != nil || dueAt < now { return .missed }
        return .open
    }
}
