import OncallCore

extension DaemonConfigReader {
    static let webKeys = ["enabled", "secure_cookies", "session_lifetime", "users"]
    static let webUserKeys = ["login", "name", "person", "role", "password_hash", "password_hash_file"]
    /// Said for any password hash that is not one; the value itself is never echoed.
    static let notBcrypt = "not a bcrypt hash; make one with `oncalld --hash-password`"

    /// `web.*`: the web view on the HTTP listener and who may log in.
    func readWeb(_ node: ConfigNode, people: [String: Person]) throws(ConfigError) -> WebConfig {
        var web = WebConfig()
        let map = try node.mapping(keys: Self.webKeys)
        if let value = map["enabled"] { web.enabled = try bool(value) }
        if let value = map["secure_cookies"] {
            // Unquoted `always`/`never` are strings, but someone may write true/false; refuse it with the choices.
            let mode = try value.text(expected: "auto, always or never", accepting: [])
            guard WebConfig.secureCookieModes.contains(mode) else {
                throw value.error("unknown secure_cookies '\(mode)'" + choices(mode, WebConfig.secureCookieModes))
            }
            web.secureCookies = mode
        }
        if let value = map["session_lifetime"] {
            // Durations have no day unit; "30d" is the natural way to write the upper bound, so say how.
            let text = try value.text(expected: "a duration such as 8h", accepting: [.int])
            if DurationParser.parse(text) == nil, text.hasSuffix("d"), let days = Int(text.dropLast()), days > 0, days < 10_000 {
                throw value.error("'\(text)' is not a duration; durations have no day unit, write \(days * 24)h")
            }
            let lifetime = try value.duration()
            guard WebConfig.sessionLifetimeRange.contains(lifetime) else {
                throw value.error(
                    "session lifetime \(DurationParser.format(lifetime)) is out of range; use 5m to 720h (30 days)")
            }
            web.sessionLifetime = lifetime
        }
        if let value = map["users"] { web.users = try readWebUsers(value, people: people) }
        return web
    }

    private func readWebUsers(_ node: ConfigNode, people: [String: Person]) throws(ConfigError) -> [WebUserConfig] {
        var users: [WebUserConfig] = []
        var loginLines: [String: Int] = [:]
        for item in try node.list() {
            let map = try item.mapping(keys: Self.webUserKeys)
            let loginNode = try map.required("login")
            let login = try loginNode.string()
            guard Self.isLogin(login) else {
                throw loginNode.error(
                    "'\(login)' is not a login; use 1 to 64 of lower-case letters, digits, '.', '_' and '-'")
            }
            if let first = loginLines[login] {
                throw loginNode.error("duplicate login '\(login)' (first at line \(first))")
            }
            loginLines[login] = loginNode.node.mark?.line ?? 0

            var person: String?
            if let value = map["person"], !value.isNull {
                let id = try value.nonEmptyString()
                guard people[id] != nil else {
                    throw value.error("'\(id)' is not defined under people\(KeySuggester.hint(for: id, among: people.keys.sorted()))")
                }
                person = id
            }
            var name = person.flatMap { people[$0]?.name } ?? login
            if let value = map["name"], !value.isNull { name = try value.nonEmptyString() }

            let roleNode = try map.required("role")
            let role = try roleNode.string()
            guard WebConfig.roles.contains(role) else {
                throw roleNode.error("unknown role '\(role)'" + choices(role, WebConfig.roles))
            }
            if role == "engineer", person == nil {
                let missing = ConfigNode(node: item.node, path: item.path.appending("person"), file: item.file)
                throw missing.error("required for role engineer (an engineer's reports are found by person)")
            }

            let passwordHash: String
            switch (map["password_hash"], map["password_hash_file"]) {
            case let (value?, nil): passwordHash = try bcryptHash(value)
            case let (nil, file?): passwordHash = try bcryptHashFile(file)
            case (_?, _?): throw item.error("give either password_hash or password_hash_file, not both")
            case (nil, nil):
                let missing = ConfigNode(node: item.node, path: item.path.appending("password_hash"), file: item.file)
                throw missing.error("required key is missing (or give password_hash_file)")
            }
            users.append(WebUserConfig(login: login, name: name, person: person, role: role, passwordHash: passwordHash))
        }
        return users
    }

    /// `[a-z0-9._-]{1,64}`.
    static func isLogin(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        return (1...64).contains(scalars.count)
            && scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0) }
    }

    /// `$2a$`, `$2b$` or `$2y$`, a two-digit cost 04–31, `$`, then 53 characters of `[./A-Za-z0-9]`.
    static func isBcryptHash(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 7 + 53, String(String.UnicodeScalarView(scalars[0...1])) == "$2",
              "aby".unicodeScalars.contains(scalars[2]), scalars[3] == "$", scalars[6] == "$",
              scalars[4...5].allSatisfy({ ("0"..."9").contains($0) }),
              let cost = Int(String(String.UnicodeScalarView(scalars[4...5]))), (4...31).contains(cost)
        else { return false }
        return scalars[7...].allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "./".unicodeScalars.contains($0)
        }
    }

    /// A `password_hash` value. Whatever is wrong, the message never quotes it: a bad hash may be a pasted password.
    private func bcryptHash(_ node: ConfigNode) throws(ConfigError) -> String {
        // Not `string()`: its "found a number (…)" message would echo the value.
        guard case let .scalar(scalar) = node.node else { throw node.error("\(Self.notBcrypt) (found \(node.kind))") }
        guard Self.isBcryptHash(scalar.string) else { throw node.error(Self.notBcrypt) }
        return scalar.string
    }

    /// A `password_hash_file`: read like a token file, then checked like `password_hash`; neither error shows the contents.
    private func bcryptHashFile(_ node: ConfigNode) throws(ConfigError) -> String {
        let path = try node.nonEmptyString()
        let hash = try node.check { () throws(ValueProblem) in try TokenFileReader.read(path: path, what: "password hash file", item: "hash") }
        guard Self.isBcryptHash(hash) else {
            let shown = path.hasPrefix("/") ? path : TextFileReader.absolute(path)
            throw node.error("password hash file '\(shown)' does not hold a bcrypt hash; make one with `oncalld --hash-password`")
        }
        return hash
    }

    /// " (did you mean 'x'?)" or " (expected one of: …)" after an unknown choice.
    private func choices(_ word: String, _ allowed: [String]) -> String {
        let hint = KeySuggester.hint(for: word, among: allowed)
        return hint.isEmpty ? " (expected one of: \(allowed.joined(separator: ", ")))" : hint
    }
}
