/// A configuration problem, located the way an editor shows it: file, 1-based line and column, dotted key.
///
/// `description` reads `config/oncalld.yaml:12:3: escalation.emergency_aftr: unknown key (did you mean 'emergency_after'?)`.
public struct ConfigError: Error, Equatable, CustomStringConvertible {
    /// The configuration file as it was named to the loader.
    public var file: String
    /// The 1-based line of the offending key or value; nil for whole-file problems such as "no such file".
    public var line: Int?
    /// The 1-based column (in Unicode scalars, as libyaml counts); nil when `line` is nil.
    public var column: Int?
    /// The dotted key path, e.g. `people[2].email`; nil for problems that belong to no key (syntax errors).
    public var key: String?
    /// What is wrong, in one English sentence fragment.
    public var message: String

    /// Creates an error; `line` and `column` are 1-based.
    public init(file: String, line: Int? = nil, column: Int? = nil, key: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.message = message
    }

    /// `file:line:column: key: message`, leaving out the parts that are nil.
    public var description: String {
        var location = file
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        let keyPart = key.map { "\($0): " } ?? ""
        return "\(location): \(keyPart)\(message)"
    }
}
