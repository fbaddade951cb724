import Foundation

/// Reads the `.eml` fixtures that SwiftPM copies into the test bundle.
enum FixtureLoader {
    /// The `Fixtures` folder inside the test bundle.
    static var directory: URL {
        Bundle.module.bundleURL.appendingPathComponent("Fixtures", isDirectory: true)
    }

    /// The bytes of `Fixtures/<name>`; a missing fixture fails loudly rather than as empty input.
    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name))
    }

    /// The names of the `.eml` files in `Fixtures/<subdirectory>`, sorted.
    static func names(in subdirectory: String? = nil) throws -> [String] {
        let folder = subdirectory.map { directory.appendingPathComponent($0, isDirectory: true) } ?? directory
        return try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".eml") }
            .sorted()
    }
}
