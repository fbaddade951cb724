/// Post-incident review reminders (`postmortem.*`): when the person who owes a postmortem is reminded.
public struct PostmortemConfig: Sendable, Equatable {
    /// Working days (per `calendar`) after resolution before the first reminder (`postmortem.remind_after`), at least 1.
    public var remindAfterWorkingDays: Int
    /// How many reminders at most, 0 to 10; 0 turns reminders off (`postmortem.reminders`).
    public var reminders: Int

    /// The defaults are those of an empty config file: first reminder after 2 working days, at most 3.
    public init(remindAfterWorkingDays: Int = 2, reminders: Int = 3) {
        self.remindAfterWorkingDays = remindAfterWorkingDays
        self.reminders = reminders
    }
}
