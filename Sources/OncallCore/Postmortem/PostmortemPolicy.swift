/// The configuration fault reports follow: who reviews, and when a missing report is chased.
public struct PostmortemPolicy: Sendable, Equatable {
    /// Person ids of the emergency group: only they may approve or send back a report.
    public var reviewers: Set<String>
    /// Working days after resolution before the owner is reminded of an unsubmitted report (`postmortem.remind_after`).
    public var remindAfterWorkingDays: Int
    /// How many reminders at most (`postmortem.reminders`); the next follows after another `remindAfterWorkingDays`.
    public var reminderLimit: Int
    public var calendar: WorkingCalendar
    /// Actors that are configured people (`unix:<login>`, `web:<login>`, `mail:<id>`, `link:<id>`) → person id.
    public var personByActor: [String: String]
    /// Who owns a report when the resolver is no configured person: the first project manager.
    public var fallbackOwner: String?

    public init(
        reviewers: Set<String> = [], remindAfterWorkingDays: Int = 2, reminderLimit: Int = 3, calendar: WorkingCalendar = .standard,
        personByActor: [String: String] = [:], fallbackOwner: String? = nil
    ) {
        self.reviewers = reviewers
        self.remindAfterWorkingDays = remindAfterWorkingDays
        self.reminderLimit = reminderLimit
        self.calendar = calendar
        self.personByActor = personByActor
        self.fallbackOwner = fallbackOwner
    }

    /// The person behind an actor, if it is one.
    public func person(for actor: String) -> String? { personByActor[actor] }

    /// The actor as the report workflow sees it.
    public func identify(_ actor: String) -> PostmortemActor {
        PostmortemActor(actor: actor, person: person(for: actor))
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
