/// Failures of the harness itself (as opposed to expectations about the daemon).
struct HarnessError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) { self.description = description }
}
