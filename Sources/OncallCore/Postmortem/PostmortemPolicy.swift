/// The configuration fault reports follow: who reviews, and when a missing report is chased.
public struct PostmortemPolicy: Sendable, Equatable {
    /// Person ids of the emergency group: only they may approve or send back a report.
    public var reviewers: Set<String>
    /// Working days after resolution before the owner is reminded of an unsubmitted report (`postmortem.remind_after`).
    public var remindAfterWorkingDays: Int
    /// How many reminders at most (`postmortem.reminders`); the next follows after another `remindAfterWorkingDays`.
    public var reminderLimit: Int
    public var calendar: WorkingCalendar

    public init(reviewers: Set<String> = [], remindAfterWorkingDays: Int = 2, reminderLimit: Int = 3, calendar: WorkingCalendar = .standard) {
        self.reviewers = reviewers
        self.remindAfterWorkingDays = remindAfterWorkingDays
        self.reminderLimit = reminderLimit
        self.calendar = calendar
    }
}

/// Who asks for a report action: the authenticated actor and the configured person it maps to.
public struct PostmortemActor: Sendable, Equatable {
    /// `unix:alice`, `web:wang.min`.
    public var actor: String
    /// The person id, when the actor is a configured person.
    public var person: String?

    public init(actor: String, person: String?) {
        self.actor = actor
        self.person = person
    }
}
