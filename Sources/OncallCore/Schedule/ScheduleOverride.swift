import Foundation

/// One person covers a schedule for `[start, end)`, replacing whoever its layers give.
public struct ScheduleOverride: Sendable, Equatable {
    /// The person id who is on call instead.
    public var person: String
    /// The first instant covered.
    public var start: Date
    /// The first instant no longer covered; an override with `end <= start` covers nothing.
    public var end: Date

    /// An override of `person` for `[start, end)`.
    public init(person: String, start: Date, end: Date) {
        self.person = person
        self.start = start
        self.end = end
    }

    /// Whether `instant` is inside `[start, end)`.
    public func covers(_ instant: Date) -> Bool {
        start <= instant && instant < end
    }
}
