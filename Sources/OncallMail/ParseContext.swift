/// The running state of one `MIMEParser.parse` call: limits, counters, warnings and where in
/// the part tree the parser is (for warning messages such as "part 2.1: …").
struct ParseContext {
    /// The limits in force.
    let limits: MIMELimits
    /// Entities seen so far, checked against `limits.maxParts`.
    var partCount = 0
    /// Warnings so far, capped at `maxWarnings` so hostile input cannot grow them unboundedly.
    private(set) var warnings: [String] = []
    /// The path of the entity being parsed: `[]` for the message, `[2, 1]` for part 2.1.
    var path: [Int] = []

    static let maxWarnings = 100

    init(limits: MIMELimits) {
        self.limits = limits
    }

    /// Records a warning prefixed with the current part path.
    mutating func warn(_ message: String) {
        guard warnings.count <= Self.maxWarnings else { return }
        if warnings.count == Self.maxWarnings {
            warnings.append("further warnings omitted")
            return
        }
        let location = path.isEmpty ? "message" : "part " + path.map(String.init).joined(separator: ".")
        warnings.append("\(location): \(message)")
    }

    /// Counts one more entity, throwing once the limit is passed.
    mutating func countPart() throws(MIMEError) {
        partCount += 1
        if partCount > limits.maxParts { throw .tooManyParts(limit: limits.maxParts) }
    }
}
