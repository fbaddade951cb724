import ArgumentParser
import OncallCore

extension Scope: ExpressibleByArgument {}

extension IncidentNumber: ExpressibleByArgument {
    /// `INC-000123`, `inc-123` or `123`.
    public init?(argument: String) {
        self.init(argument)
    }
}

/// A fault level on the command line: `1`, `2`, `3` (or `L1`, `L2`, `L3`).
struct LevelArgument: ExpressibleByArgument, Equatable {
    var value: Int

    init?(argument: String) {
        var text = Substring(argument)
        if text.first == "L" || text.first == "l" { text = text.dropFirst() }
        guard let value = Int(text), (1...3).contains(value) else { return nil }
        self.value = value
    }

    static var allValueStrings: [String] { ["1", "2", "3"] }
}
