import Foundation
import OncallCore

/// A composer that writes one plain message per recipient, so tests can see who is told what
/// and when without any channel formatting.
public struct RecordingComposer: MessageComposer {
    public init() {}

    public func compose(_ intent: NotificationIntent, incident: Incident, now: Date) -> [OutboxMessage] {
        intent.recipients.map { person in
            OutboxMessage(
                id: "\(incident.id)-\(person)-\(now.timeIntervalSince1970)-\(intent.purpose.label)", incident: incident.id,
                channel: "test", target: person, recipients: [person], subject: intent.purpose.label, body: "",
                purpose: intent.purpose.label, createdAt: now)
        }
    }
}
