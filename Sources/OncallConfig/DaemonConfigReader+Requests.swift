import OncallCore

extension DaemonConfigReader {
    // MARK: - requests

    /// `requests.*`: the owner, who hears of a miss, the warning lead and the promises' working days.
    func readRequests(_ node: ConfigNode, people: [String: Person], into requests: inout RequestsConfig) throws(ConfigError) {
        let map = try node.mapping(keys: ["owner", "escalate_to", "warn_before", "promises"])
        if let value = map["owner"] { requests.owner = try personID(value, people: people) }
        if let value = map["escalate_to"] { requests.escalateTo = try readGroup(value, people: people) }
        if let value = map["warn_before"] {
            let lead = try value.duration()
            guard lead >= .zero, lead <= .seconds(7 * 86_400) else { throw value.error("must be from 0s to 7d") }
            requests.warnBefore = lead
        }
        if let value = map["promises"] {
            let kinds = try value.mapping(keys: RequestKind.allCases.map(\.rawValue))
            for kind in RequestKind.allCases {
                guard let entry = kinds[kind.rawValue] else { continue }
                let promises = RequestsConfig.configurablePromises(of: kind)
                guard !promises.isEmpty else {
                    throw entry.error("a \(kind.rawValue) request's promises are its release window (releases.*), not working days")
                }
                let days = try entry.mapping(keys: promises.map(\.name.rawValue))
                for promise in promises {
                    guard let value = days[promise.name.rawValue] else { continue }
                    requests.workingDays[kind, default: [:]][promise.name] = try count(value, range: 0...60)
                }
            }
        }
    }

    // MARK: - releases

    /// `releases.*`: the release weekdays (a holiday moves one to the next working day), the local time and the window.
    func readReleases(_ node: ConfigNode) throws(ConfigError) -> ReleaseSchedule {
        var schedule = ReleaseSchedule.standard
        let map = try node.mapping(keys: ["days", "at", "window"])
        if let value = map["days"] {
            let days = try value.stringList { day throws(ConfigError) in try scheduleWeekday(day).englishName }
            guard !days.isEmpty else { throw value.error("name at least one release day, such as [monday, thursday]") }
            schedule.weekdays = Set(days.compactMap { Weekday(name: $0) })
        }
        if let value = map["at"] { schedule.at = try timeOfDay(value) }
        if let value = map["window"] {
            let window = try value.duration()
            guard window >= .seconds(15 * 60), window <= .seconds(24 * 3600) else { throw value.error("must be from 15m to 24h") }
            schedule.window = window
        }
        return schedule
    }
}
