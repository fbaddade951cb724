/// Everything one decision does to an incident: its new state, the timeline entries to append
/// and the timer changes. A store commits all of it atomically or none of it.
public struct IncidentChange: Sendable, Equatable {
    public var incident: Incident
    public var events: [TimelineEvent]
    public var timers: [TimerChange]
    /// Messages to deliver (the transactional outbox).
    public var messages: [OutboxMessage]
    /// Field visits to save (new or changed), keyed by incident and attempt.
    public var visits: [Visit] = []
    /// The inbound message that caused this change, recorded with it (a repeated key fails the change).
    public var inbound: InboundRecord?
    /// The incident's fault report, new or changed, saved with the rest.
    public var postmortem: Postmortem?

    public init(incident: Incident, events: [TimelineEvent] = [], timers: [TimerChange] = [], messages: [OutboxMessage] = []) {
        self.incident = incident
        self.events = events
        self.timers = timers
        self.messages = messages
    }
}
