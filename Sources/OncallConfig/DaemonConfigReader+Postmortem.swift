import OncallCore

extension DaemonConfigReader {
    // MARK: - postmortem

    /// `postmortem.*`: when the postmortem owner is reminded.
    func readPostmortem(_ node: ConfigNode) throws(ConfigError) -> PostmortemConfig {
        var postmortem = PostmortemConfig()
        let map = try node.mapping(keys: ["remind_after", "reminders"])
        if let value = map["remind_after"] {
            let text = try value.text(expected: "a whole number of working days", accepting: [.int])
            guard let days = Int(text), days >= 1 else {
                throw value.error("expected a whole number of working days, at least 1, found '\(text)'")
            }
            postmortem.remindAfterWorkingDays = days
        }
        if let value = map["reminders"] { postmortem.reminders = try count(value, range: 0...10) }
        return postmortem
    }

    // MARK: - reports

    /// `reports.*`: the weekly report and monthly incident list, and who gets them.
    func readReports(_ node: ConfigNode, people: [String: Person]) throws(ConfigError) -> ReportsConfig {
        var reports = ReportsConfig()
        let map = try node.mapping(keys: ["recipients", "weekly", "monthly", "at"])
        if let value = map["recipients"] { reports.recipients = try readGroup(value, people: people) }
        if let value = map["weekly"] { reports.weekly = try bool(value) }
        if let value = map["monthly"] { reports.monthly = try bool(value) }
        if let value = map["at"] { reports.at = try timeOfDay(value) }
        return reports
    }
}
