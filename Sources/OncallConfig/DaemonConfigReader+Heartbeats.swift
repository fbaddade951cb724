import OncallCore

extension DaemonConfigReader {
    // MARK: - heartbeats

    static let heartbeatKeys = [
        "name", "interval", "grace", "level", "scope", "service", "title", "organisation", "tokens", "token_file",
        "alertmanager_alertname", "alertmanager_integration",
    ]

    /// `heartbeats[]`: monitors that must beat every `interval`. Read after `http.tokens` and
    /// `integrations`, which `tokens` and `alertmanager_integration` name.
    func readHeartbeats(_ node: ConfigNode, tokens: [APIToken], integrations: [IntakeConfig.Integration]) throws(ConfigError) -> [HeartbeatConfig] {
        var lines: [String: Int] = [:]
        return try node.list().map { (item: ConfigNode) throws(ConfigError) -> HeartbeatConfig in
            let map = try item.mapping(keys: Self.heartbeatKeys)
            let nameNode = try map.required("name")
            let name = try nameNode.nonEmptyString()
            guard Heartbeat.isValidName(name) else {
                throw nameNode.error("'\(name)' is not a heartbeat name: 1-64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit")
            }
            if let first = lines[name] { throw nameNode.error("duplicate heartbeat '\(name)' (first at line \(first))") }
            lines[name] = nameNode.node.mark?.line ?? 0
            let intervalNode = try map.required("interval")
            let interval = try intervalNode.duration()
            guard interval >= .seconds(1), interval <= .seconds(31 * 24 * 3600) else {
                throw intervalNode.error("expected a duration from 1s to 744h (31 days)")
            }
            var grace = Duration.zero
            if let value = map["grace"] {
                grace = try value.duration()
                guard grace <= .seconds(31 * 24 * 3600) else { throw value.error("expected a duration up to 744h (31 days)") }
            }
            let scope = try heartbeatScope(level: map["level"], scope: map["scope"])
            // The report form's limits, so a miss can always be reported.
            let limits = ["title": 500, "organisation": 200]
            func text(_ key: String) throws(ConfigError) -> String? {
                try map[key].map { (node: ConfigNode) throws(ConfigError) in
                    let value = try node.nonEmptyString()
                    if let limit = limits[key], value.count > limit { throw node.error("is longer than \(limit) characters") }
                    return value
                }
            }
            let integration = try text("alertmanager_integration")
            if let integration, let node = map["alertmanager_integration"],
               !integrations.contains(where: { $0.kind == "alertmanager" && $0.name == integration }) {
                throw node.error("no alertmanager integration named '\(integration)' under integrations")
            }
            let alertname = try text("alertmanager_alertname")
            if integration != nil, alertname == nil {
                throw item.error("alertmanager_integration is given without alertmanager_alertname")
            }
            var allowed: [String] = []
            if let list = map["tokens"] {
                allowed = try list.stringList { (entry: ConfigNode) throws(ConfigError) -> String in
                    let token = try entry.nonEmptyString()
                    guard tokens.contains(where: { $0.name == token }) else { throw entry.error("no API token named '\(token)' under http.tokens") }
                    return token
                }
            }
            let secret = try map["token_file"].map { (node: ConfigNode) throws(ConfigError) -> String in
                let value = try self.secret(node)
                // One secret with two meanings would let a heartbeat's holder use the whole API.
                if let owner = tokens.first(where: { $0.secret == value }) {
                    throw node.error("token file holds the same token as API token '\(owner.name)'; give the heartbeat its own")
                }
                return value
            }
            let heartbeat = Heartbeat(
                name: name, interval: interval, grace: grace, scope: scope, service: try text("service"), title: try text("title"),
                organisation: try text("organisation") ?? Heartbeat.defaultOrganisation, alertmanagerAlertname: alertname,
                alertmanagerIntegration: integration)
            return HeartbeatConfig(heartbeat: heartbeat, tokens: allowed, secret: secret)
        }
    }

    /// The scope from `scope`, or the one that stands for `level` (1: most, 2: part, 3: single); both must agree.
    func heartbeatScope(level levelNode: ConfigNode?, scope scopeNode: ConfigNode?) throws(ConfigError) -> Scope {
        let given = try scopeNode.map { (node: ConfigNode) throws(ConfigError) in try scope(node) }
        guard let levelNode else { return given ?? .single }
        let text = try levelNode.text(expected: "a level 1, 2 or 3", accepting: [.int])
        guard let raw = Int(text), let level = Level(rawValue: raw) else { throw levelNode.error("expected 1, 2 or 3, found '\(text)'") }
        if let given {
            guard given.level == level else {
                let fitting = Scope.allCases.filter { $0.level == level }.map(\.rawValue).joined(separator: " or ")
                throw levelNode.error("scope '\(given.rawValue)' means level \(given.level.rawValue); for level \(level.rawValue) give scope \(fitting), or leave one out")
            }
            return given
        }
        return switch level {
        case .level1: .most
        case .level2: .part
        case .level3: .single
        }
    }
}
