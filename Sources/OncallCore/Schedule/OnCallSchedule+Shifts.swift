import Foundation

extension OnCallSchedule {
    /// How far before a window the scan for shifts begins, so a shift running at the window's
    /// start shows its real start (and so the same event id) rather than the window's edge.
    public static let shiftLookbackDays = 31

    /// Every shift that overlaps `[from, until)`, by start (then person), built from the same
    /// hand-offs `nextHandoffs` finds: a person's shift runs from the hand-off that adds them to
    /// the one that removes them, so an override that adds a second person does not cut the first.
    ///
    /// The scan starts on a fixed grid of `shiftLookbackDays` days at least that many days before
    /// `from`, so it moves only once a month: a shift that began before the scan starts there.
    /// A shift still running at `until` ends there, with no end reason.
    public func shifts(from: Date, until: Date, calendar: WorkingCalendar) -> [OnCallShift] {
        guard until > from else { return [] }
        let grid = TimeInterval(Self.shiftLookbackDays) * 86_400
        let scanStart = Date(timeIntervalSince1970: ((from.timeIntervalSince1970 - grid) / grid).rounded(.down) * grid)
        let scanDays = Int((until.timeIntervalSince(scanStart) / 86_400).rounded(.up))
        var open: [String: (start: Date, reason: HandoffReason?)] = [:]
        var order: [String] = []
        func begin(_ person: String, at instant: Date, reason: HandoffReason?) {
            open[person] = (instant, reason)
            order.append(person)
        }
        var shifts: [OnCallShift] = []
        func finish(_ person: String, at instant: Date, reason: HandoffReason?) {
            guard let started = open.removeValue(forKey: person) else { return }
            order.removeAll { $0 == person }
            shifts.append(OnCallShift(
                schedule: id, person: person, start: started.start, end: instant, startReason: started.reason, endReason: reason))
        }
        for person in onCall(at: scanStart, calendar: calendar) { begin(person, at: scanStart, reason: nil) }
        for handoff in nextHandoffs(after: scanStart, calendar: calendar, count: .max, scanDays: scanDays) where handoff.at < until {
            for person in handoff.from where !handoff.to.contains(person) { finish(person, at: handoff.at, reason: handoff.reason) }
            for person in handoff.to where !handoff.from.contains(person) { begin(person, at: handoff.at, reason: handoff.reason) }
        }
        for person in order { finish(person, at: until, reason: nil) }
        return shifts.filter { $0.end > from }.sorted { ($0.start, $0.person) < ($1.start, $1.person) }
    }
}
