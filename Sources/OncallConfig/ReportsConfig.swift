import OncallCore

/// Regular documents (`reports.*`): the weekly report before each Monday and the monthly incident
/// list in the first week of the month, sent to `recipients`.
public struct ReportsConfig: Sendable, Equatable {
    /// Person ids, each defined under `people` (`reports.recipients`); empty means nobody gets them.
    public var recipients: [String]
    /// Send the weekly report (`reports.weekly`).
    public var weekly: Bool
    /// Send the monthly incident list (`reports.monthly`).
    public var monthly: Bool
    /// Local time of day, in `calendar.time_zone`, at which they go out (`reports.at`).
    public var at: TimeOfDay

    /// The defaults are those of an empty config file: both reports at 08:00, to nobody.
    public init(recipients: [String] = [], weekly: Bool = true, monthly: Bool = true, at: TimeOfDay = ReportsConfig.defaultTime) {
        self.recipients = recipients
        self.weekly = weekly
        self.monthly = monthly
        self.at = at
    }

    /// 08:00.
    public static let defaultTime = TimeOfDay(hour: 8, minute: 0)!
}
