import Foundation

/// One person's unbroken time on call for one schedule: what a calendar shows as one event.
public struct OnCallShift: Sendable, Equatable {
    /// The schedule's id.
    public var schedule: String
    /// The person's id.
    public var person: String
    /// The hand-off that put the person on call; for a shift already running when the scan began, the scan's start.
    public var start: Date
    /// The hand-off that took the person off; for a shift still running at the end of the scan, the scan's end.
    public var end: Date
    /// Why the shift began; nil when it was already running when the scan began.
    public var startReason: HandoffReason?
    /// Why it ended; nil when it is still running at the end of the scan.
    public var endReason: HandoffReason?

    /// A shift of `person` on `schedule` for `[start, end)`.
    public init(schedule: String, person: String, start: Date, end: Date, startReason: HandoffReason?, endReason: HandoffReason?) {
        self.schedule = schedule
        self.person = person
        self.start = start
        self.end = end
        self.startReason = startReason
        self.endReason = endReason
    }
}
