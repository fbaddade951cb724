import Foundation
import Yams

/// A YAML node with its key path and file, so every typed read can fail with a located `ConfigError`.
struct ConfigNode {
    let node: Node
    let path: ConfigKeyPath
    let file: String

    /// An error at this node's position and key.
    func error(_ message: String) -> ConfigError {
        ConfigError(
            file: file, line: node.mark?.line, column: node.mark?.column,
            key: path.isRoot ? nil : path.text, message: message)
    }

    /// Runs a value parser and locates its problem at this node.
    func check<T>(_ parse: () throws(ValueProblem) -> T) throws(ConfigError) -> T {
        do {
            return try parse()
        } catch {
            throw self.error(error.message)
        }
    }

    // MARK: - Shape

    /// The resolved YAML tag of a scalar (str, int, bool, null, timestamp, …); nil for collections.
    var scalarTag: Tag.Name? {
        guard case .scalar = node else { return nil }
        // `Tag.name` is internal to Yams; `rawValue` is the same resolved name.
        return Tag.Name(rawValue: node.tag.rawValue)
    }

    /// Whether the value is empty (`key:`, `~`, `null`).
    var isNull: Bool { scalarTag == .null }

    /// What the value is, for "expected X, found Y" messages.
    var kind: String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar:
            switch scalarTag {
            case .str: return "a string"
            case .null: return "an empty value"
            case .bool: return "a boolean"
            case .int, .float: return "a number"
            case .timestamp: return "a date"
            default:
                // Show tags as written ("!!binary"), not as resolved URIs.
                return "a value tagged \(node.tag.rawValue.replacingOccurrences(of: "tag:yaml.org,2002:", with: "!!"))"
            }
        }
    }

    /// "expected X, found Y", with a quoting hint when YAML turned intended text into another type.
    func typeError(expected: String) -> ConfigError {
        var message = "expected \(expected), found \(kind)"
        if case let .scalar(scalar) = node, let tag = scalarTag,
           [.bool, .int, .float, .timestamp].contains(tag) {
            message += " (\(scalar.string)); quote it (\"\(scalar.string)\") if you mean the text"
        }
        return error(message)
    }

    // MARK: - Scalars

    /// A string; YAML numbers, booleans, dates and empty values are refused.
    func string() throws(ConfigError) -> String {
        try text(expected: "a string", accepting: [.str])
    }

    /// A string that is not empty or only whitespace.
    func nonEmptyString() throws(ConfigError) -> String {
        let value = try string()
        guard !value.allSatisfy(\.isWhitespace) else { throw error("must not be empty") }
        return value
    }

    /// The scalar exactly as written (so `0660` keeps its leading zero), if its tag is `.str` or in `tags`.
    func text(expected: String, accepting tags: Set<Tag.Name>) throws(ConfigError) -> String {
        guard case let .scalar(scalar) = node, let tag = scalarTag, tag == .str || tags.contains(tag) else {
            throw typeError(expected: expected)
        }
        return scalar.string
    }

    /// A duration such as `10m`; a bare `0` is written as a YAML int, so ints reach the parser too.
    func duration() throws(ConfigError) -> Duration {
        let value = try text(expected: "a duration such as 10m", accepting: [.int])
        guard let duration = DurationParser.parse(value) else {
            throw error("'\(value)' is not a duration; use a number with h, m or s, e.g. 30s, 10m, 2h, 1h30m")
        }
        return duration
    }

    /// A Unix user or group name: letters, digits, '_', '.', '-', not starting with '-', at most 32 characters.
    func unixName() throws(ConfigError) -> String {
        let value = try nonEmptyString()
        let allowed = value.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || "_.-".contains($0) }
        guard allowed, !value.hasPrefix("-"), value.count <= 32 else {
            throw error("'\(value)' is not a valid Unix user or group name")
        }
        return value
    }

    // MARK: - Collections

    /// The elements of a list, each with its indexed key path.
    func list() throws(ConfigError) -> [ConfigNode] {
        guard case let .sequence(sequence) = node else { throw typeError(expected: "a list") }
        return sequence.enumerated().map { index, element in
            ConfigNode(node: element, path: path.appending(index: index), file: file)
        }
    }

    /// A list of strings, refusing repeats (a repeated entry is a copy-paste slip, not intent).
    func stringList(
        _ read: (ConfigNode) throws(ConfigError) -> String = { node throws(ConfigError) in try node.nonEmptyString() }
    ) throws(ConfigError) -> [String] {
        var values: [String] = []
        var lines: [String: Int] = [:]
        for element in try list() {
            let value = try read(element)
            if let first = lines[value] {
                throw element.error("'\(value)' is listed twice (first at line \(first))")
            }
            lines[value] = element.node.mark?.line ?? 0
            values.append(value)
        }
        return values
    }

    /// A mapping whose keys must all be in `keys`; an unknown key fails at its own line with a suggestion.
    func mapping(keys allowed: [String]) throws(ConfigError) -> ConfigMapping {
        let mapping = try anyMapping()
        for (name, key) in zip(mapping.keys, mapping.keyNodes) where !allowed.contains(name) {
            let suggestion = KeySuggester.hint(for: name, among: allowed)
            let fallback = allowed.count <= 12 ? " (expected one of: \(allowed.joined(separator: ", ")))" : ""
            throw key.error("unknown key" + (suggestion.isEmpty ? fallback : suggestion))
        }
        return mapping
    }

    /// A mapping with any string keys (e.g. `emergency_after_by_level`), duplicates refused.
    func anyMapping() throws(ConfigError) -> ConfigMapping {
        guard case let .mapping(mapping) = node else { throw typeError(expected: "a mapping") }
        var result = ConfigMapping(node: self)
        for (key, value) in mapping {
            let keyNode = ConfigNode(node: key, path: path, file: file)
            guard case let .scalar(scalar) = key, !keyNode.isNull, !scalar.string.isEmpty else {
                throw keyNode.error("keys must be plain names")
            }
            let name = scalar.string
            let namedKey = ConfigNode(node: key, path: path.appending(name), file: file)
            // Yams only catches repeats with equal tags; `1:` and `"1":` reach here as two keys.
            if let first = result.keys.firstIndex(of: name) {
                let line = result.keyNodes[first].node.mark?.line ?? 0
                throw namedKey.error("duplicate key (first at line \(line))")
            }
            result.append(name: name, key: namedKey, value: ConfigNode(node: value, path: namedKey.path, file: file))
        }
        return result
    }
}
