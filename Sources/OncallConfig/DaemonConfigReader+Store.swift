import Foundation

extension DaemonConfigReader {
    static let storeKeys = ["url", "url_file", "node"]

    /// `store.*`: SQLite by default, or a shared PostgreSQL database. The URL carries a password,
    /// so messages describe it and never echo it.
    func readStore(_ node: ConfigNode) throws(ConfigError) -> StoreConfig {
        var store = StoreConfig()
        let map = try node.mapping(keys: Self.storeKeys)
        if map["url"] != nil, let second = map["url_file"] {
            throw second.error("give either url or url_file, not both")
        }
        if let value = map["url"] {
            let text = try value.string()
            store.url = try value.check { () throws(ValueProblem) in try Self.postgresURL(text) }
        }
        if let value = map["url_file"] {
            let path = try value.nonEmptyString()
            store.url = try value.check { () throws(ValueProblem) in
                try Self.postgresURL(try TokenFileReader.read(path: path, what: "store URL file", item: "URL"))
            }
        }
        if let value = map["node"] {
            let name = try value.nonEmptyString()
            guard name.count <= 64, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
                throw value.error("'\(name)' is not a node name; use 1 to 64 letters, digits, '-', '_' and '.'")
            }
            store.node = name
        }
        return store
    }

    /// The URL if it has the shape `postgres://user[:password]@host[:port]/database`.
    private static func postgresURL(_ text: String) throws(ValueProblem) -> String {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "postgres" || scheme == "postgresql"
        else { throw ValueProblem("the store URL must be postgres://user:password@host:port/database") }
        guard components.host?.isEmpty == false else { throw ValueProblem("the store URL names no host") }
        guard components.user?.isEmpty == false else { throw ValueProblem("the store URL names no user") }
        guard components.path.count > 1 else { throw ValueProblem("the store URL names no database (…/oncalld)") }
        return text
    }
}
