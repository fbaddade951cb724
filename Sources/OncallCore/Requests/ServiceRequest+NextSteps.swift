import Foundation

extension ServiceRequest {
    /// The steps `RequestLifecycle.record` accepts now, in flow order (`cancelled` while open); none once closed.
    public var nextSteps: [RequestStep] {
        guard isOpen else { return [] }
        let recorded = steps
        return kind.flow.steps.filter { rule in
            recorded.contains(rule.after) && (rule.repeatable || !recorded.contains(rule.step))
        }.map(\.step) + [.cancelled]
    }
}

extension ServiceRequest.Deadline {
    /// `open`, `kept`, `late` (met after its due time), `missed` (not met, due time passed) or `cancelled`.
    public func state(at now: Date) -> String {
        if let metAt { return metAt <= dueAt ? "kept" : "late" }
        if cancelledAt != nil { return "cancelled" }
        return missedAt != nil || dueAt <= now ? "missed" : "open"
    }
}
