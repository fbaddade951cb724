/// A decision to tell these people this about an incident; a composer turns it into messages.
public struct NotificationIntent: Sendable, Equatable {
    public var purpose: NotificationPurpose
    /// Person ids, in the order they were resolved, without duplicates.
    public var recipients: [String]
    /// Facts of the event behind it worth quoting (a visit's site, arrive-by, a missed deadline).
    public var details: [String: String]

    public init(purpose: NotificationPurpose, recipients: [String], details: [String: String] = [:]) {
        self.purpose = purpose
        self.recipients = recipients
        self.details = details
    }
}
