import Foundation

/// What a timer's handler needs loaded with its incident, inside the firing transaction.
public struct TimerNeeds: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// The incident's field visits, oldest first.
    public static let visits = TimerNeeds(rawValue: 1)
    /// The incident's fault report.
    public static let postmortem = TimerNeeds(rawValue: 2)
}

/// A due timer with what its handler asked for.
public struct TimerContext: Sendable {
    public var timer: DueTimer
    public var incident: Incident
    /// Loaded when the handler needs `.visits`; empty otherwise.
    public var visits: [Visit]
    /// Loaded when the handler needs `.postmortem`.
    public var postmortem: Postmortem?

    public init(timer: DueTimer, incident: Incident, visits: [Visit] = [], postmortem: Postmortem? = nil) {
        self.timer = timer
        self.incident = incident
        self.visits = visits
        self.postmortem = postmortem
    }
}

/// The owner's decision for one timer kind: pure, run inside the store's transaction.
public struct TimerHandler: Sendable {
    public var needs: TimerNeeds
    public var fire: @Sendable (TimerContext) -> IncidentChange

    public init(needs: TimerNeeds = [], fire: @escaping @Sendable (TimerContext) -> IncidentChange) {
        self.needs = needs
        self.fire = fire
    }
}

/// Which handler fires each timer kind. Every kind has exactly one owner (the incident, dispatch
/// or fault-report lifecycle, or the notification planner); a kind nobody owns is not fired.
public struct TimerRegistry: Sendable {
    public private(set) var handlers: [TimerKind: TimerHandler]

    /// Merges the owners' tables; a kind claimed twice is a programming error.
    public init(_ owners: [[TimerKind: TimerHandler]]) {
        handlers = [:]
        for owner in owners {
            handlers.merge(owner) { _, _ in preconditionFailure("a timer kind has two owners") }
        }
    }

    public var kinds: Set<TimerKind> { Set(handlers.keys) }

    /// The registry with every handler's change passed through `finish` (notifications, say).
    public func finishing(_ finish: @escaping @Sendable (TimerContext, inout IncidentChange) -> Void) -> TimerRegistry {
        var registry = self
        registry.handlers = handlers.mapValues { handler in
            TimerHandler(needs: handler.needs) { context in
                var change = handler.fire(context)
                finish(context, &change)
                return change
            }
        }
        return registry
    }
}
