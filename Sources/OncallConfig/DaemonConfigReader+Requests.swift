import OncallCore

extension DaemonConfigReader {
    // MARK: - requests

    /// `requests.*`: the owner, who hears of a miss, the warning lead and the promises' working days.
    func readRequests(_ node: ConfigNode, people: [String: Person], into requests: inout RequestsConfig) throws(ConfigError) {
        let map = try node.mapping(keys: ["owner", "escalate_to", "warn_before", "promises", "mail"])
        if let value = map["mail"] { try readRequestMail(value, into: &requests) }
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

    /// `requests.mail.*`: the request address of each kind, and whether subject tags are read.
    func readRequestMail(_ node: ConfigNode, into requests: inout RequestsConfig) throws(ConfigError) {
        let map = try node.mapping(keys: ["addresses", "subject_tags"])
        if let value = map["subject_tags"] { requests.mailSubjectTags = try bool(value) }
        guard let value = map["addresses"] else { return }
        let addresses = try value.anyMapping()
        var kindByAddress: [String: RequestKind] = [:]
        for (name, (key, entry)) in zip(addresses.keys, zip(addresses.keyNodes, addresses.values)) {
            guard let kind = RequestKind(rawValue: name), RequestKind.mailKinds.contains(kind) else {
                let why = name == RequestKind.release.rawValue
                    ? "a release is submitted with oncallctl request or the API, not by mail; " : "unknown request kind '\(name)'; "
                throw key.error("\(why)use one of \(RequestKind.mailKinds.map(\.rawValue).joined(separator: ", "))")
            }
            let address = try email(entry)
            if let other = kindByAddress[address.lowercased()] {
                throw entry.error("\(address) is already the address of \(other.rawValue)")
            }
            kindByAddress[address.lowercased()] = kind
            requests.mailAddresses[kind] = address
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
