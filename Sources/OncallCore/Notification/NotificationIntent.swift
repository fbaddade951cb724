/// A decision to tell these people this about an incident; a composer turns it into messages.
public struct NotificationIntent: Sendable, Equatable {
    public var purpose: NotificationPurpose
    /// Person ids, in the order they were resolved, without duplicates.
    public var recipients: [String]
    /// The facts of the timeline entry behind it, some worth quoting (a visit's site, arrive-by, a missed deadline).
    public var facts: TimelineFacts?

    public init(purpose: NotificationPurpose, recipients: [String], facts: TimelineFacts? = nil) {
        self.purpose = purpose
        self.recipients = recipients
        self.facts = facts
    }
}
