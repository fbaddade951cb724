import OncallCore

extension DaemonConfigReader {
    static let personKeys = ["id", "name", "email", "phone", "chat", "unix_user"]
    static let chatNetworks = ["wecom", "dingtalk", "feishu", "slack"]

    /// `people`: ids unique, Unix users unique (each login must map to one person on the socket).
    func readPeople(_ node: ConfigNode) throws(ConfigError) -> [Person] {
        var people: [Person] = []
        var idLines: [String: Int] = [:]
        var unixUsers: [String: String] = [:]
        for element in try node.list() {
            let map = try element.mapping(keys: Self.personKeys)
            let idNode = try map.required("id")
            let id = try idNode.nonEmptyString()
            guard !id.contains(where: { $0.isWhitespace || $0 == "," }) else {
                throw idNode.error("person id '\(id)' must not contain spaces or commas (e.g. zhang.wei)")
            }
            if let first = idLines[id] {
                throw idNode.error("duplicate person id '\(id)' (first at line \(first))")
            }
            idLines[id] = idNode.node.mark?.line ?? 0
            var person = Person(id: id, name: try map.required("name").nonEmptyString())
            if let value = map["email"], !value.isNull { person.email = try email(value) }
            if let value = map["phone"], !value.isNull { person.phone = try phone(value) }
            if let value = map["chat"], !value.isNull { person.chat = try chat(value) }
            if let value = map["unix_user"], !value.isNull {
                let user = try value.unixName()
                if let owner = unixUsers[user] {
                    throw value.error("Unix user '\(user)' already belongs to '\(owner)'")
                }
                unixUsers[user] = id
                person.unixUser = user
            }
            people.append(person)
        }
        return people
    }

    /// `project_managers`, `oncall_engineers`, `emergency_group`: ids defined under `people`.
    func readGroup(_ node: ConfigNode, people: [String: Person]) throws(ConfigError) -> [String] {
        try node.stringList { member throws(ConfigError) in try personID(member, people: people) }
    }

    /// One person's id, which `people` must define.
    func personID(_ node: ConfigNode, people: [String: Person]) throws(ConfigError) -> String {
        let id = try node.nonEmptyString()
        guard people[id] != nil else {
            let hint = KeySuggester.hint(for: id, among: people.keys.sorted())
            throw node.error("'\(id)' is not defined under people\(hint)")
        }
        return id
    }

    func email(_ node: ConfigNode) throws(ConfigError) -> String {
        let value = try node.nonEmptyString()
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, !value.contains(where: \.isWhitespace) else {
            throw node.error("'\(value)' is not an email address")
        }
        return value
    }

    /// Unquoted +8613800138000 is a YAML int; the text as written keeps the '+' and any leading zero.
    private func phone(_ node: ConfigNode) throws(ConfigError) -> String {
        let value = try node.text(expected: "a phone number such as \"+86 138 0013 8000\"", accepting: [.int])
        let digits = value.filter { ("0"..."9").contains($0) }.count
        guard digits >= 3, value.allSatisfy({ ("0"..."9").contains($0) || " +-()".contains($0) }) else {
            throw node.error("'\(value)' is not a phone number (digits, spaces, '+', '-', parentheses)")
        }
        return value
    }

    /// Chat ids by network; numeric ids (common on DingTalk) may be written without quotes.
    private func chat(_ node: ConfigNode) throws(ConfigError) -> [String: String] {
        let map = try node.mapping(keys: Self.chatNetworks)
        var chat: [String: String] = [:]
        for (network, value) in zip(map.keys, map.values) {
            let id = try value.text(expected: "a chat id", accepting: [.int])
            guard !id.allSatisfy(\.isWhitespace) else { throw value.error("must not be empty") }
            chat[network] = id
        }
        return chat
    }
}
