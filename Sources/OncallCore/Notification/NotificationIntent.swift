/// A decision to tell these people this about an incident; a composer turns it into messages.
public struct NotificationIntent: Sendable, Equatable {
    public var purpose: NotificationPurpose
    /// Person ids, in the order they were resolved, without duplicates.
    public var recipients: [String]

    public init(purpose: NotificationPurpose, recipients: [String]) {
        self.purpose = purpose
        self.recipients = recipients
    }
}
