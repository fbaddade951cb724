/// A dotted key path into the config document, e.g. `people[2].email`, used to name errors.
struct ConfigKeyPath: Equatable, CustomStringConvertible {
    /// The document root; errors there carry no key.
    static let root = ConfigKeyPath(text: "")

    /// The path as written in error messages.
    let text: String

    var isRoot: Bool { text.isEmpty }

    /// The path of `key` inside the mapping at this path.
    func appending(_ key: String) -> ConfigKeyPath {
        ConfigKeyPath(text: isRoot ? key : "\(text).\(key)")
    }

    /// The path of the element at `index` (0-based, as in the YAML list) of the list at this path.
    func appending(index: Int) -> ConfigKeyPath {
        ConfigKeyPath(text: "\(text)[\(index)]")
    }

    var description: String { text }
}
