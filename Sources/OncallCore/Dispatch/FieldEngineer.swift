import Foundation

/// An engineer who can be sent on site: a person (by id) working for one branch office.
public struct FieldEngineer: Sendable, Equatable, Identifiable {
    /// The person id (defined under `people`); phone and name come from there.
    public var person: String
    /// The branch office id the engineer works for.
    public var branch: String
    /// What the engineer can fix (e.g. `network`, `server`); compared without regard to case.
    public var skills: Set<String>
    /// When the engineer can be sent out.
    public var shift: EngineerShift
    /// Days of leave, inclusive ranges of local dates in the calendar's time zone.
    public var leave: [ClosedRange<LocalDate>]

    /// The person id, which identifies the engineer.
    public var id: String { person }

    /// An engineer; on shift at all times and never on leave unless told otherwise.
    public init(
        person: String, branch: String, skills: Set<String> = [], shift: EngineerShift = .always,
        leave: [ClosedRange<LocalDate>] = []
    ) {
        self.person = person
        self.branch = branch
        self.skills = skills
        self.shift = shift
        self.leave = leave
    }

    /// Whether the engineer has `skill` (case-insensitively, since config authors and the
    /// person dispatching rarely agree on case).
    public func hasSkill(_ skill: String) -> Bool {
        let wanted = skill.lowercased()
        return skills.contains { $0.lowercased() == wanted }
    }

    /// Whether the engineer is on shift at `instant`.
    public func onShift(at instant: Date, calendar: WorkingCalendar) -> Bool {
        shift.isOn(at: instant, calendar: calendar)
    }

    /// The last day of the leave that `instant`'s local date falls in, or nil if not on leave.
    ///
    /// Ranges that touch or overlap are followed on, so "until" is when the engineer is
    /// actually back, not the end of the first of two back-to-back entries.
    public func onLeave(at instant: Date, calendar: WorkingCalendar) -> LocalDate? {
        let today = calendar.localDate(of: instant)
        guard var until = leave.filter({ $0.contains(today) }).map(\.upperBound).max() else { return nil }
        var extended = true
        while extended {
            extended = false
            for range in leave where range.lowerBound <= until.adding(days: 1) && range.upperBound > until {
                until = range.upperBound
                extended = true
            }
        }
        return until
    }
}
