import Yams

/// Reads and validates the YAML configuration file.
public enum ConfigLoader {
    /// Reads the file at `path` (relative to the working directory unless absolute) and parses it.
    public static func load(path: String) throws(ConfigError) -> DaemonConfig {
        let text: String
        do {
            text = try TextFileReader.read(path: path)
        } catch {
            switch error {
            case .notFound: throw ConfigError(file: path, message: "no such file")
            case .isDirectory: throw ConfigError(file: path, message: "is a directory, not a config file")
            case .notReadable: throw ConfigError(file: path, message: "not readable by this user (check its permissions)")
            case let .invalidUTF8(line):
                throw ConfigError(file: path, line: line, message: "not valid UTF-8 text; save the file as UTF-8")
            }
        }
        return try parse(yaml: text, file: path)
    }

    /// Parses YAML text; `file` is the name errors carry. Token files named in it are read now.
    public static func parse(yaml: String, file: String) throws(ConfigError) -> DaemonConfig {
        // Windows editors save UTF-8 with a byte-order mark, which Yams' UTF-8 mode would read as text.
        let text = yaml.unicodeScalars.first == "\u{FEFF}" ? String(yaml.unicodeScalars.dropFirst()) : yaml
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw YAMLErrorTranslator.translate(error, yaml: text, file: file)
        }
        return try DaemonConfigReader(file: file).read(root)
    }
}
