import OncallCore

extension DaemonConfigReader {
    // MARK: - escalation.chains

    /// `escalation.chains.levelN`: who is told at report and on escalation, and the reminders.
    func readChains(_ node: ConfigNode, people: [String: Person]) throws(ConfigError) -> [Level: EscalationChain] {
        let map = try node.mapping(keys: ["level1", "level2", "level3"])
        var chains: [Level: EscalationChain] = [:]
        for level in Level.allCases {
            guard let value = map["level\(level.rawValue)"] else { continue }
            let fields = try value.mapping(keys: ["at_report", "on_escalation", "reminder_every", "reminder_times", "notify_on_resolve"])
            var chain = EscalationChain.standard(for: level)
            if let list = fields["at_report"] { chain.atReport = try readAudience(list, people: people) }
            if let list = fields["on_escalation"] { chain.onEscalation = try readAudience(list, people: people) }
            if let every = fields["reminder_every"] {
                let duration = try every.duration()
                chain.reminderEvery = duration > .zero ? duration : nil
            }
            if let times = fields["reminder_times"] { chain.reminderTimes = try count(times, range: 0...100) }
            if let flag = fields["notify_on_resolve"] { chain.notifyOnResolve = try bool(flag) }
            chains[level] = chain
        }
        return chains
    }

    /// Group names or person ids.
    func readAudience(_ node: ConfigNode, people: [String: Person]) throws(ConfigError) -> [Audience] {
        try node.list().map { (item: ConfigNode) throws(ConfigError) -> Audience in
            let name = try item.nonEmptyString()
            switch name {
            case "oncall_engineers": return .oncallEngineers
            case "project_managers": return .projectManagers
            case "emergency_group": return .emergencyGroup
            default:
                guard people[name] != nil else {
                    throw item.error("'\(name)' is neither oncall_engineers, project_managers, emergency_group nor a person under people")
                }
                return .person(name)
            }
        }
    }

    // MARK: - notify

    func readNotify(_ node: ConfigNode) throws(ConfigError) -> NotifyConfig {
        var notify = NotifyConfig()
        let map = try node.mapping(keys: [
            "base_url", "link_secret_file", "link_lifetime", "smtp", "webhooks", "sms", "retry", "rate_limits", "runbooks",
        ])
        if let value = map["base_url"] { notify.baseURL = try httpURL(value) }
        if let value = map["link_secret_file"] { notify.linkSecret = try secret(value) }
        if let value = map["link_lifetime"] { notify.linkLifetime = try value.duration() }
        if let value = map["smtp"] { notify.smtp = try readSMTP(value) }
        if let value = map["webhooks"] { notify.webhooks = try readWebhooks(value) }
        if let value = map["sms"] { notify.sms = try readSMS(value) }
        if let value = map["retry"] {
            let fields = try value.mapping(keys: ["max_attempts", "initial_backoff", "max_backoff"])
            if let attempts = fields["max_attempts"] { notify.retry.maxAttempts = try count(attempts, range: 1...1000) }
            if let backoff = fields["initial_backoff"] { notify.retry.initialBackoff = try positive(backoff) }
            if let backoff = fields["max_backoff"] { notify.retry.maxBackoff = try positive(backoff) }
        }
        if let value = map["rate_limits"] {
            let fields = try value.mapping(keys: NotifyConfig.channelKinds)
            for kind in NotifyConfig.channelKinds {
                if let limit = fields[kind] { notify.rateLimits[kind] = try count(limit, range: 1...100_000) }
            }
        }
        if let value = map["runbooks"] {
            let fields = try value.mapping(keys: ["level1", "level2", "level3"])
            for level in Level.allCases {
                if let path = fields["level\(level.rawValue)"] { notify.runbooks[level] = try path.nonEmptyString() }
            }
        }
        return notify
    }

    func readVendors(_ node: ConfigNode) throws(ConfigError) -> [NotifyConfig.Vendor] {
        try node.list().map { (item: ConfigNode) throws(ConfigError) -> NotifyConfig.Vendor in
            let map = try item.mapping(keys: ["service", "name", "contact", "phone", "email"])
            func optional(_ key: String) throws(ConfigError) -> String? {
                try map[key].map { (node: ConfigNode) throws(ConfigError) in try node.text(expected: "text", accepting: [.int]) }
            }
            return NotifyConfig.Vendor(
                service: try map.required("service").nonEmptyString(), name: try map.required("name").nonEmptyString(),
                contact: try optional("contact"), phone: try optional("phone"), email: try optional("email"))
        }
    }

    func readSMTP(_ node: ConfigNode) throws(ConfigError) -> NotifyConfig.SMTP {
        let map = try node.mapping(keys: ["url", "from", "username", "password_file", "require_tls"])
        let urlNode = try map.required("url")
        let url = try urlNode.nonEmptyString()
        guard url.hasPrefix("smtp://") || url.hasPrefix("smtps://") else {
            throw urlNode.error("expected smtp://HOST:PORT or smtps://HOST:PORT, found '\(url)'")
        }
        let from = try map.required("from").nonEmptyString()
        return NotifyConfig.SMTP(
            url: url, from: from,
            username: try map["username"].map { (node: ConfigNode) throws(ConfigError) in try node.nonEmptyString() },
            password: try map["password_file"].map { (node: ConfigNode) throws(ConfigError) in try secret(node) },
            requireTLS: try map["require_tls"].map { (node: ConfigNode) throws(ConfigError) in try bool(node) } ?? false)
    }

    func readWebhooks(_ node: ConfigNode) throws(ConfigError) -> [NotifyConfig.Webhook] {
        var names = Set<String>()
        return try node.list().map { (item: ConfigNode) throws(ConfigError) -> NotifyConfig.Webhook in
            let map = try item.mapping(keys: ["name", "kind", "url", "url_file", "secret_file", "levels"])
            let nameNode = try map.required("name")
            let name = try nameNode.nonEmptyString()
            guard names.insert(name).inserted else { throw nameNode.error("duplicate webhook name '\(name)'") }
            let kindNode = try map.required("kind")
            let kind = try kindNode.nonEmptyString()
            guard NotifyConfig.webhookKinds.contains(kind) else {
                throw kindNode.error("unknown kind '\(kind)'; use one of \(NotifyConfig.webhookKinds.joined(separator: ", "))")
            }
            // Chat robot URLs carry their access key, so they may come from a file like any secret.
            let url: String
            switch (map["url"], map["url_file"]) {
            case let (value?, nil): url = try httpURL(value)
            case let (nil, file?): url = try secret(file)
            case (_?, _?): throw item.error("give either url or url_file, not both")
            case (nil, nil): throw item.error("url or url_file is required")
            }
            return NotifyConfig.Webhook(
                name: name, kind: kind, url: url,
                secret: try map["secret_file"].map { (node: ConfigNode) throws(ConfigError) in try secret(node) },
                levels: try map["levels"].map { (node: ConfigNode) throws(ConfigError) in try levels(node) } ?? Set(Level.allCases))
        }
    }

    func readSMS(_ node: ConfigNode) throws(ConfigError) -> NotifyConfig.SMS {
        let map = try node.mapping(keys: ["method", "url", "headers", "body", "levels"])
        var headers: [String: String] = [:]
        if let value = map["headers"] {
            let fields = try value.anyMapping()
            for (name, field) in zip(fields.keys, fields.values) { headers[name] = try field.string() }
        }
        return NotifyConfig.SMS(
            method: try map["method"].map { (node: ConfigNode) throws(ConfigError) in try node.nonEmptyString().uppercased() } ?? "POST",
            url: try httpURL(try map.required("url")),
            headers: headers,
            body: try map["body"].map { (node: ConfigNode) throws(ConfigError) in try node.string() } ?? "",
            levels: try map["levels"].map { (node: ConfigNode) throws(ConfigError) in try levels(node) } ?? [.level1])
    }

    // MARK: - Values

    func httpURL(_ node: ConfigNode) throws(ConfigError) -> String {
        let text = try node.nonEmptyString()
        guard text.hasPrefix("http://") || text.hasPrefix("https://"), !text.contains(" ") else {
            throw node.error("expected an http:// or https:// URL, found '\(text)'")
        }
        return text.hasSuffix("/") ? String(text.dropLast()) : text
    }

    /// A one-word secret read from the file the node names; errors never quote the file.
    func secret(_ node: ConfigNode) throws(ConfigError) -> String {
        let path = try node.nonEmptyString()
        return try node.check { () throws(ValueProblem) in try TokenFileReader.read(path: path) }
    }

    func levels(_ node: ConfigNode) throws(ConfigError) -> Set<Level> {
        Set(try node.list().map { (item: ConfigNode) throws(ConfigError) -> Level in
            let text = try item.text(expected: "a level 1, 2 or 3", accepting: [.int])
            guard let raw = Int(text), let level = Level(rawValue: raw) else { throw item.error("expected 1, 2 or 3, found '\(text)'") }
            return level
        })
    }

    func count(_ node: ConfigNode, range: ClosedRange<Int>) throws(ConfigError) -> Int {
        let text = try node.text(expected: "a whole number", accepting: [.int])
        guard let value = Int(text), range.contains(value) else {
            throw node.error("expected a whole number from \(range.lowerBound) to \(range.upperBound), found '\(text)'")
        }
        return value
    }

    /// A backoff must be positive, or retries would spin.
    func positive(_ node: ConfigNode) throws(ConfigError) -> Duration {
        let duration = try node.duration()
        guard duration > .zero else { throw node.error("must be greater than zero") }
        return duration
    }

    func bool(_ node: ConfigNode) throws(ConfigError) -> Bool {
        let text = try node.text(expected: "true or false", accepting: [.bool])
        switch text {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw node.error("expected true or false, found '\(text)'")
        }
    }
}
