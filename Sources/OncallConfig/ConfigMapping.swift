/// A YAML mapping's entries in file order, each key and value located for error messages.
struct ConfigMapping {
    /// The mapping itself; errors about missing keys point here.
    let node: ConfigNode
    private(set) var keys: [String] = []
    private(set) var keyNodes: [ConfigNode] = []
    private(set) var values: [ConfigNode] = []

    init(node: ConfigNode) {
        self.node = node
    }

    mutating func append(name: String, key: ConfigNode, value: ConfigNode) {
        keys.append(name)
        keyNodes.append(key)
        values.append(value)
    }

    /// The value under `key`, if present.
    subscript(key: String) -> ConfigNode? {
        keys.firstIndex(of: key).map { values[$0] }
    }

    /// The key node itself, for errors that belong to a whole section (e.g. `calendar`).
    func keyNode(_ key: String) -> ConfigNode? {
        keys.firstIndex(of: key).map { keyNodes[$0] }
    }

    /// The value under a key that must be present; a missing one fails at the mapping's first line.
    func required(_ key: String) throws(ConfigError) -> ConfigNode {
        guard let value = self[key] else {
            let missing = ConfigNode(node: node.node, path: node.path.appending(key), file: node.file)
            throw missing.error("required key is missing")
        }
        return value
    }
}
