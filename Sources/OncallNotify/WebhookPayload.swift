/// A generic webhook's extras: `{"event":{…}}`, the event posted as the request body.
public struct WebhookPayload: ChannelPayload {
    public var event: GenericEvent

    public init(event: GenericEvent) {
        self.event = event
    }
}
