import OncallCore
import Yams

/// Walks the composed YAML tree into a `DaemonConfig`, starting from the defaults and failing at the first problem.
struct DaemonConfigReader {
    /// The file name put in every error.
    let file: String

    static let topLevelKeys = [
        "state_dir", "socket", "http", "escalation", "levels", "people",
        "project_managers", "oncall_engineers", "emergency_group", "calendar", "log", "notify", "vendors", "integrations", "intake",
        "schedules",
        "dispatch",
        "postmortem", "reports", "web", "store", "requests", "releases", "heartbeats",
    ]

    static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]

    /// The configuration the document describes; no document (an empty file) gives the defaults.
    func read(_ root: Node?) throws(ConfigError) -> DaemonConfig {
        var config = DaemonConfig.defaults
        guard let root else { return config }
        let top = ConfigNode(node: root, path: .root, file: file)
        if top.isNull { return config }
        guard case .mapping = root else {
            throw top.error("the top level must be a mapping of keys such as 'state_dir: /var/lib/oncalld', found \(top.kind)")
        }
        let map = try top.mapping(keys: Self.topLevelKeys)
        if let node = map["state_dir"] { config.stateDir = try node.nonEmptyString() }
        if let node = map["socket"] { config.socket = try readSocket(node) }
        if let node = map["http"] { config.http = try readHTTP(node) }
        config.policy = try readPolicy(escalation: map["escalation"], levels: map["levels"])
        if let node = map["people"] { config.people = try readPeople(node) }
        let people = Dictionary(config.people.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        if let node = map["project_managers"] { config.projectManagers = try readGroup(node, people: people) }
        if let node = map["oncall_engineers"] { config.oncallEngineers = try readGroup(node, people: people) }
        if let node = map["emergency_group"] { config.emergencyGroup = try readGroup(node, people: people) }
        if let node = map["calendar"], let key = map.keyNode("calendar") {
            config.calendar = try readCalendar(node, key: key)
        }
        if let node = map["schedules"] {
            config.schedules = try readSchedules(node, people: people, timeZone: config.calendar.timeZone)
        }
        if let node = map["log"] { config.logLevel = try readLogLevel(node) }
        if let node = map["escalation"], let chains = try node.mapping(keys: Self.escalationKeys)["chains"] {
            config.chains = try readChains(chains, people: people)
        }
        if let node = map["notify"] { config.notify = try readNotify(node) }
        if let node = map["vendors"] { config.notify.vendors = try readVendors(node) }
        if let node = map["integrations"] { config.intake.integrations = try readIntegrations(node) }
        if let node = map["intake"] { try readIntake(node, into: &config.intake) }
        if let node = map["dispatch"] { config.dispatch = try readDispatch(node, people: people) }
        if let node = map["postmortem"] { config.postmortem = try readPostmortem(node) }
        if let node = map["reports"] { config.reports = try readReports(node, people: people) }
        if let node = map["web"] { config.web = try readWeb(node, people: people) }
        if let node = map["store"] { config.store = try readStore(node) }
        if let node = map["requests"] { try readRequests(node, people: people, into: &config.requests) }
        if let node = map["releases"] { config.requests.releases = try readReleases(node) }
        if let node = map["heartbeats"] {
            config.heartbeats = try readHeartbeats(node, tokens: config.http.tokens, integrations: config.intake.integrations)
        }
        return config
    }

    // MARK: - socket

    func readSocket(_ node: ConfigNode) throws(ConfigError) -> SocketConfig {
        var socket = DaemonConfig.defaults.socket
        let map = try node.mapping(keys: ["path", "mode", "group", "allowed_users"])
        if let value = map["path"] {
            let path = try value.nonEmptyString()
            // sockaddr_un.sun_path holds 108 bytes including the terminating NUL.
            guard path.utf8.count <= 107 else {
                throw value.error("socket path is \(path.utf8.count) bytes; Unix socket paths are limited to 107")
            }
            socket.path = path
        }
        if let value = map["mode"] {
            // Unquoted 0660 is a YAML int; its text as written is still the octal digits.
            let text = try value.text(expected: "octal digits such as \"0660\"", accepting: [.int])
            socket.mode = try value.check { () throws(ValueProblem) in try SocketModeParser.parse(text) }
        }
        if let value = map["group"] { socket.group = value.isNull ? nil : try value.unixName() }
        if let value = map["allowed_users"] {
            socket.allowedUsers = try value.stringList { node throws(ConfigError) in try node.unixName() }
        }
        return socket
    }

    // MARK: - http

    func readHTTP(_ node: ConfigNode) throws(ConfigError) -> HTTPConfig {
        var http = DaemonConfig.defaults.http
        let map = try node.mapping(keys: ["listen", "max_body", "tokens", "request_timeout", "max_connections"])
        if let value = map["listen"] {
            if case .sequence = value.node {
                // Unquoted [::1]:8080 starts a YAML flow list; say how to write it.
                throw value.error("expected \"HOST:PORT\", found a list; quote IPv6 addresses: \"[::1]:8080\"")
            }
            let text = try value.string()
            let address = try value.check { () throws(ValueProblem) in try ListenAddress.parse(text) }
            http.host = address.host
            http.port = address.port
        }
        if let value = map["max_body"] {
            let text = try value.text(expected: "a size such as 1MiB", accepting: [.int])
            http.maxBodyBytes = try value.check { () throws(ValueProblem) in try ByteSizeParser.parse(text) }
        }
        if let value = map["tokens"] { http.tokens = try readTokens(value) }
        if let value = map["request_timeout"] {
            let timeout = try value.duration()
            guard timeout >= .seconds(1), timeout <= .seconds(3600) else { throw value.error("expected a duration from 1s to 1h") }
            http.requestTimeout = timeout
        }
        if let value = map["max_connections"] {
            http.maxConnections = try count(value, range: 1...100_000)
        }
        return http
    }

    func readTokens(_ node: ConfigNode) throws(ConfigError) -> [APIToken] {
        var tokens: [APIToken] = []
        var nameLines: [String: Int] = [:]
        var secretOwners: [String: String] = [:]
        for element in try node.list() {
            let map = try element.mapping(keys: ["name", "token_file"])
            let nameNode = try map.required("name")
            let name = try nameNode.nonEmptyString()
            if let first = nameLines[name] {
                throw nameNode.error("duplicate token name '\(name)' (first at line \(first))")
            }
            nameLines[name] = nameNode.node.mark?.line ?? 0
            let fileNode = try map.required("token_file")
            let path = try fileNode.nonEmptyString()
            let secret = try fileNode.check { () throws(ValueProblem) in try TokenFileReader.read(path: path) }
            // Two names for one secret would make the audit log name the wrong holder.
            if let owner = secretOwners[secret] {
                throw fileNode.error("token file holds the same token as '\(owner)'; give each holder its own")
            }
            secretOwners[secret] = name
            tokens.append(APIToken(name: name, secret: secret))
        }
        return tokens
    }

    // MARK: - log

    func readLogLevel(_ node: ConfigNode) throws(ConfigError) -> String {
        let map = try node.mapping(keys: ["level"])
        guard let value = map["level"] else { return DaemonConfig.defaults.logLevel }
        let level = try value.string()
        guard Self.logLevels.contains(level) else {
            let hint = KeySuggester.hint(for: level, among: Self.logLevels)
            let choices = " (expected one of: \(Self.logLevels.joined(separator: ", ")))"
            throw value.error("unknown log level '\(level)'" + (hint.isEmpty ? choices : hint))
        }
        return level
    }
}
