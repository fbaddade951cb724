import Foundation
import Testing
@testable import OncallConfig

@Suite("API tokens and token_file")
struct TokenFileTests {
    static let secret = "s3cr3t-Token_value"

    func yaml(tokenFile: String) -> String {
        """
        state_dir: /a
        http:
          tokens:
            - name: local-admin
              token_file: \(tokenFile)
        """
    }

    @Test("the token file is read and trimmed")
    func readAndTrimmed() throws {
        let path = try ConfigFixtures.scratchFile("  \n\(Self.secret)\n\n", name: "api-token")
        let config = try ConfigLoader.parse(yaml: yaml(tokenFile: path), file: "t.yaml")
        #expect(config.http.tokens == [APIToken(name: "local-admin", secret: Self.secret)])
    }

    @Test("the secret is redacted in descriptions, interpolation and dumps")
    func redacted() throws {
        let path = try ConfigFixtures.scratchFile(Self.secret + "\n", name: "api-token")
        let config = try ConfigLoader.parse(yaml: yaml(tokenFile: path), file: "t.yaml")
        let token = try #require(config.http.tokens.first)
        #expect(String(describing: token) == "APIToken(local-admin, secret: <redacted>)")
        #expect(String(reflecting: token) == "APIToken(local-admin, secret: <redacted>)")
        var dumped = ""
        dump(config, to: &dumped)
        for text in ["\(token)", "\(config)", String(describing: config), String(reflecting: config), "\(config.http)", dumped] {
            #expect(!text.contains(Self.secret))
            #expect(text.contains("local-admin"))
        }
        #expect("\(config)".contains("<redacted>"))
    }

    @Test("bad token files fail at the token_file line without showing contents", arguments: [
        ("missing", "does not exist"), ("empty", "is empty"), ("two words", "exactly one token"), ("directory", "is a directory"),
    ])
    func badTokenFile(kind: String, message: String) throws {
        let path: String
        switch kind {
        case "missing": path = "/nonexistent/oncalld-test/\(UUID().uuidString)"
        case "empty": path = try ConfigFixtures.scratchFile(" \n\t\n")
        case "two words": path = try ConfigFixtures.scratchFile("first-secret-word second-secret-word\n")
        default: path = URL(fileURLWithPath: try ConfigFixtures.scratchFile("x")).deletingLastPathComponent().path
        }
        let error = try #require(ConfigFixtures.error(yaml(tokenFile: path)))
        #expect(error.line == 5)
        #expect(error.key == "http.tokens[0].token_file")
        #expect(error.message.contains(message), "\(error)")
        #expect(error.message.contains(path))
        #expect(!error.description.contains("secret-word"))
    }

    @Test("an unreadable token file", .enabled(if: getuid() != 0, "root can read any file"))
    func unreadable() throws {
        let path = try ConfigFixtures.scratchFile(Self.secret)
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: path)
        let error = try #require(ConfigFixtures.error(yaml(tokenFile: path)))
        #expect(error.line == 5)
        #expect(error.message.contains("not readable"))
        #expect(!error.description.contains(Self.secret))
    }

    @Test("a relative token_file is resolved against the working directory and named absolutely")
    func relativePath() throws {
        let error = try #require(ConfigFixtures.error(yaml(tokenFile: "no-such-dir-oncalld/api-token")))
        let expected = FileManager.default.currentDirectoryPath + "/no-such-dir-oncalld/api-token"
        #expect(error.message.contains(expected), "\(error)")
    }

    @Test("token names are unique, and so are their secrets")
    func duplicates() throws {
        let first = try ConfigFixtures.scratchFile("one")
        let second = try ConfigFixtures.scratchFile("one")
        let sameName = """
            http:
              tokens:
                - {name: a, token_file: \(first)}
                - {name: a, token_file: \(second)}
            """
        let nameError = try #require(ConfigFixtures.error(sameName))
        #expect(nameError.line == 4)
        #expect(nameError.key == "http.tokens[1].name")
        let sameSecret = sameName.replacingOccurrences(of: "{name: a, token_file: \(second)}", with: "{name: b, token_file: \(second)}")
        let secretError = try #require(ConfigFixtures.error(sameSecret))
        #expect(secretError.line == 4)
        #expect(secretError.key == "http.tokens[1].token_file")
        #expect(!secretError.description.contains("one\""))
    }

    @Test("a token entry without token_file")
    func missingTokenFile() throws {
        let error = try #require(ConfigFixtures.error("http:\n  tokens:\n    - name: a\n"))
        #expect(error.line == 3)
        #expect(error.key == "http.tokens[0].token_file")
    }
}
