import Foundation
import Testing
@testable import OncallConfig

@Suite("ConfigLoader.load(path:)")
struct LoadTests {
    @Test("a missing file")
    func missing() throws {
        let path = "/nonexistent/oncalld/\(UUID().uuidString).yaml"
        let error = try #require(loadError(path))
        #expect(error == ConfigError(file: path, message: "no such file"))
        #expect(error.description == "\(path): no such file")
    }

    @Test("a directory")
    func directory() throws {
        let error = try #require(loadError(FileManager.default.temporaryDirectory.path))
        #expect(error.message.contains("directory"))
    }

    @Test("invalid UTF-8 names its line")
    func invalidUTF8() throws {
        var bytes = Data("state_dir: /a\nlog:\n  level: info\n# caf".utf8)
        bytes.append(contentsOf: [0xE9, 0x0A])  // Latin-1 "é": not UTF-8
        let path = try ConfigFixtures.scratchFile(bytes, name: "latin1.yaml")
        let error = try #require(loadError(path))
        #expect(error.file == path)
        #expect(error.line == 4)
        #expect(error.message.contains("UTF-8"))
    }

    @Test("an unreadable file", .enabled(if: getuid() != 0, "root can read any file"))
    func unreadable() throws {
        let path = try ConfigFixtures.scratchFile("state_dir: /a\n", name: "secret.yaml")
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: path)
        let error = try #require(loadError(path))
        #expect(error.message.contains("not readable"))
    }

    @Test("errors carry the path as given")
    func errorFileName() throws {
        let path = try ConfigFixtures.scratchFile("state_dir: /a\nstat_dir: /b\n", name: "typo.yaml")
        let error = try #require(loadError(path))
        #expect(error.description == "\(path):2:1: stat_dir: unknown key (did you mean 'state_dir'?)")
    }

    private func loadError(_ path: String) -> ConfigError? {
        do {
            _ = try ConfigLoader.load(path: path)
            return nil
        } catch {
            return error
        }
    }
}
