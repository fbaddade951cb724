import Foundation

/// An ordered list of engineers who take turns, handing off daily or weekly at a local time.
///
/// Shifts are counted in hand-off boundaries: the shift that contains `start` belongs to
/// `engineers[0]`, and each later boundary (the hand-off time on each day, or on the hand-off
/// weekday, in `timeZone`) passes to the next engineer, wrapping around the list. Boundaries are
/// wall-clock times built with a Gregorian calendar in `timeZone`, so a DST change moves no
/// hand-off off its local time. Before `start` the rotation has nobody (as a PagerDuty layer
/// that has not begun yet).
public struct Rotation: Sendable, Equatable, Identifiable {
    /// Names the rotation in hand-off reasons (e.g. `primary.layers[0]`).
    public let id: String
    /// Person ids in turn order; the same id may appear more than once but an empty list means nobody.
    public let engineers: [String]
    /// Daily or weekly on a given day.
    public let cadence: HandoffCadence
    /// The local time of each hand-off.
    public let handoffTime: TimeOfDay
    /// The zone whose wall clock `handoffTime` (and the hand-off weekday) is read in.
    public let timeZone: TimeZone
    /// The instant the first engineer's shift begins; the shift containing it is `engineers[0]`'s.
    public let start: Date

    /// Derived from `timeZone`, so left out of equality.
    private let zoned: ZonedCalendar
    /// The ordinal of the boundary that began the shift containing `start` (derived, cached).
    private var startOrdinal = 0

    /// A rotation; nothing is validated (an empty `engineers` simply never yields anyone).
    public init(
        id: String, engineers: [String], cadence: HandoffCadence,
        handoffTime: TimeOfDay, timeZone: TimeZone, start: Date
    ) {
        self.id = id
        self.engineers = engineers
        self.cadence = cadence
        self.handoffTime = handoffTime
        self.timeZone = timeZone
        self.start = start
        self.zoned = ZonedCalendar(timeZone: timeZone)
        self.startOrdinal = boundaryOrdinal(atOrBefore: start)
    }

    /// Equal when every configured field is equal.
    public static func == (lhs: Rotation, rhs: Rotation) -> Bool {
        lhs.id == rhs.id && lhs.engineers == rhs.engineers && lhs.cadence == rhs.cadence
            && lhs.handoffTime == rhs.handoffTime && lhs.timeZone == rhs.timeZone && lhs.start == rhs.start
    }

    /// The person id on call at `instant`; nil before `start` or when the list is empty.
    ///
    /// At exactly a hand-off instant the new engineer is on call.
    public func onCall(at instant: Date) -> String? {
        guard !engineers.isEmpty, instant >= start else { return nil }
        return engineer(forBoundary: boundaryOrdinal(atOrBefore: instant))
    }

    /// The next `count` hand-offs strictly after `after` (and after `start`), in order.
    ///
    /// A boundary where the same person stays on (a one-person rotation, or the same id twice
    /// in a row) is not a hand-off and is skipped.
    public func handoffs(after: Date, count: Int) -> [(at: Date, from: String, to: String)] {
        guard count > 0, Set(engineers).count > 1 else { return [] }
        var result: [(at: Date, from: String, to: String)] = []
        var ordinal = max(boundaryOrdinal(atOrBefore: after), startOrdinal) + 1
        // Adjacent repeats are skipped, and two distinct ids guarantee a change every
        // `engineers.count` boundaries, so this loop ends.
        while result.count < count {
            let from = engineer(forBoundary: ordinal - 1)
            let to = engineer(forBoundary: ordinal)
            if from != to { result.append((at: boundary(ordinal), from: from, to: to)) }
            ordinal += 1
        }
        return result
    }

    /// Every boundary in `(after, through]` that is also after `start`, whether or not the
    /// person changes there; the candidate instants a schedule scans.
    func boundaries(after: Date, through end: Date) -> [Date] {
        guard !engineers.isEmpty, end > after else { return [] }
        let first = max(boundaryOrdinal(atOrBefore: after), startOrdinal) + 1
        let last = boundaryOrdinal(atOrBefore: end)
        guard first <= last else { return [] }
        return (first...last).map(boundary)
    }

    // MARK: - Boundary ordinals

    // Each boundary has an integer ordinal that grows by one per boundary: the day number
    // (days since 1970-01-01) of its local date when daily, the week number when weekly.

    /// The engineer whose shift begins at the boundary with this ordinal.
    private func engineer(forBoundary ordinal: Int) -> String {
        let shifts = ordinal - startOrdinal
        let count = engineers.count
        return engineers[((shifts % count) + count) % count]
    }

    /// The ordinal of the last boundary at or before `instant`.
    private func boundaryOrdinal(atOrBefore instant: Date) -> Int {
        let today = zoned.localDate(of: instant)
        switch cadence {
        case .daily:
            let ordinal = today.daysSinceEpoch
            return boundary(ordinal) <= instant ? ordinal : ordinal - 1
        case let .weekly(weekday):
            let back = ((today.weekday.rawValue - weekday.rawValue) % 7 + 7) % 7
            let ordinal = Self.floorDivide(today.adding(days: -back).daysSinceEpoch, 7)
            return boundary(ordinal) <= instant ? ordinal : ordinal - 1
        }
    }

    /// The instant of the boundary with this ordinal.
    private func boundary(_ ordinal: Int) -> Date {
        switch cadence {
        case .daily:
            return zoned.instant(on: LocalDate(daysSinceEpoch: ordinal), at: handoffTime)
        case let .weekly(weekday):
            let weekStart = LocalDate(daysSinceEpoch: ordinal * 7)
            let ahead = ((weekday.rawValue - weekStart.weekday.rawValue) % 7 + 7) % 7
            return zoned.instant(on: weekStart.adding(days: ahead), at: handoffTime)
        }
    }

    private static func floorDivide(_ value: Int, _ divisor: Int) -> Int {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
