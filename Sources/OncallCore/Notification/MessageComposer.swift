import Foundation

/// Turns a notification decision into concrete messages per channel. Implemented at the edge
/// (it signs links); called inside the store transaction, so it must be pure and fast.
public protocol MessageComposer: Sendable {
    func compose(_ intent: NotificationIntent, incident: Incident, now: Date) -> [OutboxMessage]
}
