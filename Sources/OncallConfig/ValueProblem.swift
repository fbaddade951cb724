/// Why a scalar value is invalid, before it is tied to a file position (see `ConfigNode.check`).
struct ValueProblem: Error, Equatable {
    /// What is wrong with the value, e.g. "port 0 is out of range 1-65535".
    var message: String

    init(_ message: String) {
        self.message = message
    }
}
