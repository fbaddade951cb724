/// The queue one recipient's messages wait in: a channel and the address it delivers to (an email
/// address, a configured webhook's name, a phone number).
///
/// A queue delivers its messages one at a time, in the order they were written: a later message
/// never overtakes an earlier one, even while the earlier one waits for a retry. A delivered or
/// dead message lets the next one go. Queues do not wait for each other.
public struct DeliveryQueue: Hashable, Sendable, CustomStringConvertible {
    public var channel: String
    public var target: String

    public init(channel: String, target: String) {
        self.channel = channel
        self.target = target
    }

    public var description: String { "\(channel) \(target)" }
}

extension OutboxMessage {
    /// The recipient queue this message waits in.
    public var queue: DeliveryQueue { DeliveryQueue(channel: channel, target: target) }
}
