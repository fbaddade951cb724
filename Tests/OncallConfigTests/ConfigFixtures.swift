import Foundation
import OncallConfig

/// Shared helpers: parse-or-error, the example file's location, and scratch files.
enum ConfigFixtures {
    /// The error parsing `yaml` throws, or nil when it parses.
    static func error(_ yaml: String, file: String = "test.yaml") -> ConfigError? {
        do {
            _ = try ConfigLoader.parse(yaml: yaml, file: file)
            return nil
        } catch {
            return error
        }
    }

    /// The package root, found from this file's path so tests run from any working directory.
    static func packageRoot(filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath)
            .deletingLastPathComponent()  // OncallConfigTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()
    }

    /// `config/oncalld.yaml` in this checkout.
    static var examplePath: String {
        packageRoot().appendingPathComponent("config/oncalld.yaml").path
    }

    /// Writes `data` to a fresh file in a private temporary directory and returns its path.
    static func scratchFile(_ data: Data, name: String = "file") throws -> String {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("oncalld-config-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }

    static func scratchFile(_ text: String, name: String = "file") throws -> String {
        try scratchFile(Data(text.utf8), name: name)
    }
}
