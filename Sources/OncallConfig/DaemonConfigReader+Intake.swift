import OncallCore

extension DaemonConfigReader {
    func readIntegrations(_ node: ConfigNode) throws(ConfigError) -> [IntakeConfig.Integration] {
        var seen = Set<String>()
        return try node.list().map { (item: ConfigNode) throws(ConfigError) -> IntakeConfig.Integration in
            let map = try item.mapping(keys: [
                "name", "kind", "signing_key_file", "basic_user", "basic_password_file", "url_secret_file", "token_file",
                "topic_arn", "trusted_certificates",
            ])
            let nameNode = try map.required("name")
            let name = try nameNode.unixName()
            let kindNode = try map.required("kind")
            let kind = try kindNode.nonEmptyString()
            guard IntakeConfig.kinds.contains(kind) else {
                throw kindNode.error("unknown kind '\(kind)'; use one of \(IntakeConfig.kinds.joined(separator: ", "))")
            }
            guard seen.insert("\(kind)/\(name)").inserted else { throw nameNode.error("duplicate integration \(kind)/\(name)") }
            func secretFile(_ key: String) throws(ConfigError) -> String? {
                try map[key].map { (node: ConfigNode) throws(ConfigError) in try secret(node) }
            }
            var integration = IntakeConfig.Integration(
                kind: kind, name: name, signingKey: try secretFile("signing_key_file"),
                basicUser: try map["basic_user"].map { (node: ConfigNode) throws(ConfigError) in try node.nonEmptyString() },
                basicPassword: try secretFile("basic_password_file"), urlSecret: try secretFile("url_secret_file"),
                token: try secretFile("token_file"),
                topicARN: try map["topic_arn"].map { (node: ConfigNode) throws(ConfigError) in try node.nonEmptyString() },
                trustedCertificates: [])
            if let list = map["trusted_certificates"] {
                integration.trustedCertificates = try list.list().map { (path: ConfigNode) throws(ConfigError) -> String in
                    let file = try path.nonEmptyString()
                    return try path.check { () throws(ValueProblem) in
                        do { return try TextFileReader.read(path: file) } catch { throw ValueProblem("cannot read certificate file \(file)") }
                    }
                }
            }
            // Every endpoint reachable over TCP needs a credential: refuse an integration without its own.
            let missing: String? = switch kind {
            case "mailgun": integration.signingKey == nil ? "signing_key_file" : nil
            case "sendgrid": integration.basicPassword == nil && integration.urlSecret == nil ? "basic_user/basic_password_file or url_secret_file" : nil
            case "postmark": integration.basicUser == nil || integration.basicPassword == nil ? "basic_user and basic_password_file" : nil
            case "ses": integration.topicARN == nil || integration.trustedCertificates.isEmpty ? "topic_arn and trusted_certificates" : nil
            default: integration.token == nil ? "token_file" : nil
            }
            if let missing { throw item.error("a \(kind) integration needs \(missing)") }
            return integration
        }
    }

    func readIntake(_ node: ConfigNode, into intake: inout IntakeConfig) throws(ConfigError) {
        let map = try node.mapping(keys: ["organisation_by_domain", "default_organisation", "service_by_tag", "keyword_rules", "default_scope"])
        if let value = map["organisation_by_domain"] { intake.organisationByDomain = try stringMap(value) }
        if let value = map["default_organisation"] { intake.defaultOrganisation = try value.nonEmptyString() }
        if let value = map["service_by_tag"] { intake.serviceByTag = try stringMap(value) }
        if let value = map["default_scope"] { intake.defaultScope = try scope(value) }
        if let value = map["keyword_rules"] {
            intake.keywordRules = try value.list().map { (item: ConfigNode) throws(ConfigError) -> IntakeConfig.KeywordRule in
                let fields = try item.mapping(keys: ["keywords", "scope"])
                let keywords = try fields.required("keywords").stringList { (node: ConfigNode) throws(ConfigError) in try node.nonEmptyString() }
                return IntakeConfig.KeywordRule(keywords: keywords, scope: try scope(try fields.required("scope")))
            }
        }
    }

    func stringMap(_ node: ConfigNode) throws(ConfigError) -> [String: String] {
        let map = try node.anyMapping()
        var result: [String: String] = [:]
        for (key, value) in zip(map.keys, map.values) { result[key.lowercased()] = try value.nonEmptyString() }
        return result
    }

    func scope(_ node: ConfigNode) throws(ConfigError) -> Scope {
        let text = try node.nonEmptyString()
        guard let scope = Scope(rawValue: text) else {
            throw node.error("unknown scope '\(text)'; use one of \(Scope.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return scope
    }
}
