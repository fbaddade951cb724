import Yams

/// Turns a Yams error into a `ConfigError` at the line an editor shows.
enum YAMLErrorTranslator {
    static func translate(_ error: any Error, yaml: String, file: String) -> ConfigError {
        guard let yamlError = error as? YamlError else {
            return ConfigError(file: file, message: "cannot parse YAML: \(error)")
        }
        switch yamlError {
        case let .scanner(context, problem, mark, _),
             let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            // Yams marks are already 1-based, as editors count.
            let during = context.map { " (\($0.text), which began at line \($0.mark.line))" } ?? ""
            return ConfigError(
                file: file, line: mark.line, column: mark.column,
                message: "YAML syntax error: \(problem)\(during)\(bracketHint(line: mark.line, in: yaml))")
        case let .reader(problem, offset, _, _):
            let line = offset.map { lineNumber(atCharacterOffset: $0, in: yaml) }
            return ConfigError(file: file, line: line, message: "YAML cannot read the text: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return duplicateKey(duplicates.first ?? "?", firstAt: context.mark, yaml: yaml, file: file)
        default:
            return ConfigError(file: file, message: "cannot parse YAML: \(yamlError)")
        }
    }

    /// An unquoted `[::1]:8080` opens a YAML flow list; say so, since libyaml's message cannot.
    private static func bracketHint(line: Int, in yaml: String) -> String {
        let lines = yaml.split(omittingEmptySubsequences: false, whereSeparator: isLineBreak)
        guard line >= 1, line <= lines.count, lines[line - 1].contains("]:") else { return "" }
        return "; a value starting with '[' must be quoted, e.g. listen: \"[::1]:8080\""
    }

    private static func lineNumber(atCharacterOffset offset: Int, in text: String) -> Int {
        text.prefix(offset).reduce(1) { $0 + (isLineBreak($1) ? 1 : 0) }
    }

    private static func isLineBreak(_ character: Character) -> Bool {
        character == "\n" || character == "\r\n" || character == "\r"
    }

    // MARK: - Duplicate keys

    /// Yams reports only the first occurrence of a repeated key and no path. To name the path and
    /// the repeat's own line, tag the first occurrence with a marker, parse again and find it.
    private static func duplicateKey(_ name: String, firstAt first: Mark, yaml: String, file: String) -> ConfigError {
        let fallback = ConfigError(
            file: file, line: first.line, column: first.column, key: name,
            message: "duplicate key (repeated later in the same mapping)")
        guard let marked = inserting(marker, at: first, in: yaml),
              let root = try? Yams.compose(yaml: marked),
              let (path, mapping) = findMarkedMapping(in: root, path: .root)
        else { return fallback }
        let repeatKey = mapping.keys.first { $0.scalar?.string == name }
        return ConfigError(
            file: file, line: repeatKey?.mark?.line ?? first.line, column: repeatKey?.mark?.column ?? first.column,
            key: path.appending(name).text, message: "duplicate key (first at line \(first.line))")
    }

    /// Private-use characters are valid in plain YAML scalars and never appear in a real config.
    private static let marker = "\u{E000}oncalld-duplicate\u{E000}"

    private static func inserting(_ marker: String, at mark: Mark, in yaml: String) -> String? {
        // CRLF is one Character in Swift and one line break in libyaml, so both count lines alike.
        var lines = yaml.split(omittingEmptySubsequences: false, whereSeparator: isLineBreak).map(String.init)
        guard mark.line >= 1, mark.line <= lines.count else { return nil }
        var scalars = Array(lines[mark.line - 1].unicodeScalars)
        // libyaml counts columns in Unicode scalars, 1-based.
        guard mark.column >= 1, mark.column - 1 <= scalars.count else { return nil }
        scalars.insert(contentsOf: marker.unicodeScalars, at: mark.column - 1)
        var line = String.UnicodeScalarView()
        line.append(contentsOf: scalars)
        lines[mark.line - 1] = String(line)
        return lines.joined(separator: "\n")
    }

    /// The mapping holding the marked key, and its key path.
    private static func findMarkedMapping(in node: Node, path: ConfigKeyPath) -> (ConfigKeyPath, Node.Mapping)? {
        switch node {
        case let .mapping(mapping):
            for (key, value) in mapping {
                let keyText = key.scalar?.string ?? "?"
                if keyText.hasPrefix(marker) { return (path, mapping) }
                if let found = findMarkedMapping(in: value, path: path.appending(keyText)) { return found }
            }
            return nil
        case let .sequence(sequence):
            for (index, element) in sequence.enumerated() {
                if let found = findMarkedMapping(in: element, path: path.appending(index: index)) { return found }
            }
            return nil
        case .scalar, .alias:
            return nil
        }
    }
}
