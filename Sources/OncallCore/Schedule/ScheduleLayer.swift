import Foundation

/// A rotation that only counts while its restriction matches (e.g. an out-of-hours layer).
public struct ScheduleLayer: Sendable, Equatable {
    /// Who takes turns and when they hand off.
    public var rotation: Rotation
    /// When this layer applies.
    public var restriction: LayerRestriction

    /// A layer; unrestricted unless told otherwise.
    public init(rotation: Rotation, restriction: LayerRestriction = .always) {
        self.rotation = rotation
        self.restriction = restriction
    }

    /// The rotation's person at `instant` if the restriction matches then, else nil.
    public func onCall(at instant: Date, calendar: WorkingCalendar) -> String? {
        onCall(at: instant, isWorkingTime: restriction == .always ? false : calendar.isWorkingTime(instant))
    }

    /// As `onCall(at:calendar:)`, with working time already looked up.
    func onCall(at instant: Date, isWorkingTime working: Bool) -> String? {
        restriction.matches(isWorkingTime: working) ? rotation.onCall(at: instant) : nil
    }
}
