import Foundation

/// What calendar feeds are drawn from: the schedules, the working calendar and people's names
/// of the configuration in force.
public struct CalendarFeedSource: Sendable {
    public var roster: OnCallRoster
    public var calendar: WorkingCalendar
    /// Display names by person id; its keys are the people a person's feed may be for.
    public var personNames: [String: String]

    public init(roster: OnCallRoster, calendar: WorkingCalendar, personNames: [String: String]) {
        self.roster = roster
        self.calendar = calendar
        self.personNames = personNames
    }

    /// The subject as stored: a schedule given by its id or its display name becomes its id. A
    /// schedule or person the configuration does not define is refused.
    public func resolve(_ subject: CalendarFeedSubject) throws(LifecycleError) -> CalendarFeedSubject {
        switch subject {
        case let .schedule(text):
            guard let schedule = roster.schedule(text) ?? roster.schedules.first(where: { $0.name == text }) else {
                throw .invalidField("schedule", reason: "no schedule '\(text)'; schedules: \(roster.schedules.map(\.id).joined(separator: ", "))")
            }
            return .schedule(schedule.id)
        case let .person(id):
            guard personNames[id] != nil else { throw .invalidField("person", reason: "no person '\(id)' under people") }
            return subject
        }
    }

    /// The feed of `subject` over `window`.
    public func feed(_ subject: CalendarFeedSubject, window: CalendarFeedWindow) -> ICalendarFeed {
        ICalendarFeed(subject: subject, roster: roster, calendar: calendar, personNames: personNames, window: window)
    }
}
