import Foundation
import OncallConfig
import Testing

/// `store.*`: SQLite by default, or a PostgreSQL URL; a bad one names file, line and key, never the password.
@Suite struct StoreConfigTests {
    @Test func theDefaultIsTheEmbeddedDatabase() throws {
        let store = try ConfigLoader.parse(yaml: "", file: "t.yaml").store
        #expect(store.url == nil)
        #expect(store.node == ProcessInfo.processInfo.hostName)
    }

    @Test func aURLAndANodeAreRead() throws {
        let yaml = "store:\n  url: postgres://oncalld:s3cret@db.example:5433/oncalld\n  node: oncall-a\n"
        let store = try ConfigLoader.parse(yaml: yaml, file: "t.yaml").store
        #expect(store.url == "postgres://oncalld:s3cret@db.example:5433/oncalld")
        #expect(store.node == "oncall-a")
        #expect("\(store)" == "StoreConfig(postgresql, node: oncall-a)")
        var dumped = ""
        dump(store, to: &dumped)
        #expect(!dumped.contains("s3cret"))
    }

    @Test func theURLMayComeFromAFile() throws {
        let path = NSTemporaryDirectory() + "store-url-" + UUID().uuidString
        try "postgres://oncalld:s3cret@127.0.0.1/oncalld\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try ConfigLoader.parse(yaml: "store:\n  url_file: \(path)\n", file: "t.yaml").store
        #expect(store.url == "postgres://oncalld:s3cret@127.0.0.1/oncalld")
    }

    @Test(arguments: [
        ("store:\n  url: mysql://u:s3cret@h/db\n", 2, "store.url", "must be postgres://"),
        ("store:\n  url: postgres://u:s3cret@h\n", 2, "store.url", "names no database"),
        ("store:\n  url: postgres://h/db\n", 2, "store.url", "names no user"),
        ("store:\n  url: postgres://u:p@h/db\n  url_file: /x\n", 3, "store.url_file", "either url or url_file"),
        ("store:\n  node: \"a b\"\n", 2, "store.node", "not a node name"),
        ("store:\n  path: /x\n", 2, "store.path", "unknown key"),
    ])
    func mistakesNameTheLineAndKey(yaml: String, line: Int, key: String, message: String) throws {
        let error = try #require(ConfigFixtures.error(yaml, file: "t.yaml"))
        #expect(error.line == line)
        #expect(error.key == key)
        #expect(error.message.contains(message), "\(error.message)")
        #expect(!error.description.contains("s3cret"))
    }
}
