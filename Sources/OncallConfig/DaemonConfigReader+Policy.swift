import OncallCore

extension DaemonConfigReader {
    static let escalationKeys = ["emergency_after", "emergency_after_by_level", "chains"]

    /// `escalation.*` and `levels.*`, checked together into one `IncidentPolicy`.
    func readPolicy(escalation: ConfigNode?, levels: ConfigNode?) throws(ConfigError) -> IncidentPolicy {
        var policy = DaemonConfig.defaults.policy
        if let escalation {
            let map = try escalation.mapping(keys: Self.escalationKeys)
            if let value = map["emergency_after"] { policy.escalation.emergencyAfter = try value.duration() }
            if let value = map["emergency_after_by_level"] {
                policy.escalation.emergencyAfterByLevel = try readDelaysByLevel(value)
            }
        }
        if let levels {
            let map = try levels.mapping(keys: ["level2_after", "level1_after"])
            if let value = map["level2_after"] {
                policy.thresholds.level2After = try positiveDuration(value)
            }
            if let value = map["level1_after"] {
                policy.thresholds.level1After = try positiveDuration(value)
            }
            guard policy.thresholds.level1After > policy.thresholds.level2After else {
                let blamed = map["level1_after"] ?? map["level2_after"] ?? levels
                let level1 = DurationParser.format(policy.thresholds.level1After)
                let level2 = DurationParser.format(policy.thresholds.level2After)
                throw blamed.error(
                    "levels.level1_after (\(level1)) must be greater than levels.level2_after (\(level2))")
            }
        }
        return policy
    }

    /// A zero threshold would make every outage at least that level, so level 3 could never happen.
    private func positiveDuration(_ node: ConfigNode) throws(ConfigError) -> Duration {
        let duration = try node.duration()
        guard duration > .zero else { throw node.error("must be greater than zero") }
        return duration
    }

    /// Keys 1/2/3 (YAML ints), "1".."3" or "level1".."level3"; values are durations.
    private func readDelaysByLevel(_ node: ConfigNode) throws(ConfigError) -> [Level: Duration] {
        let map = try node.anyMapping()
        var delays: [Level: Duration] = [:]
        var lines: [Level: Int] = [:]
        for (name, (key, value)) in zip(map.keys, zip(map.keyNodes, map.values)) {
            let digit = name.hasPrefix("level") ? String(name.dropFirst("level".count)) : name
            guard let raw = Int(digit), digit.count == 1, let level = Level(rawValue: raw) else {
                throw key.error("unknown level '\(name)'; use 1, 2 or 3 (or level1, level2, level3)")
            }
            if let first = lines[level] {
                throw key.error("level \(raw) is given twice (first at line \(first))")
            }
            lines[level] = key.node.mark?.line ?? 0
            delays[level] = try value.duration()
        }
        return delays
    }
}
