import Testing
@testable import OncallConfig

@Suite("http.listen parsing")
struct ListenAddressTests {
    @Test("good addresses", arguments: [
        ("127.0.0.1:8080", "127.0.0.1", 8080), ("0.0.0.0:1", "0.0.0.0", 1), ("[::1]:8080", "::1", 8080),
        ("[::]:65535", "::", 65535), ("localhost:9000", "localhost", 9000),
        ("oncall.example.com:443", "oncall.example.com", 443), ("[fe80::1%eth0]:80", "fe80::1%eth0", 80),
        ("[::ffff:192.0.2.1]:8080", "::ffff:192.0.2.1", 8080),
    ] as [(String, String, Int)])
    func good(text: String, host: String, port: Int) throws {
        #expect(try ListenAddress.parse(text) == ListenAddress(host: host, port: port))
    }

    @Test("bad addresses", arguments: [
        "127.0.0.1", "127.0.0.1:", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:99999", "127.0.0.1:http",
        "127.0.0.1:-1", "127.0.0.1:+80", ":8080", "::1:8080", "[::1]", "[::1]8080", "[::1:8080",
        "[localhost]:80", "256.0.0.1:80", "1.2.3:80", "bad_host:80", "-a.example:80", "host :80",
    ])
    func bad(text: String) {
        #expect(throws: ValueProblem.self) { try ListenAddress.parse(text) }
    }

    @Test("through the config: IPv4 and bracketed IPv6")
    func throughConfig() throws {
        let v4 = try ConfigLoader.parse(yaml: "http:\n  listen: 10.0.0.5:9090\n", file: "t.yaml")
        #expect((v4.http.host, v4.http.port) == ("10.0.0.5", 9090))
        let v6 = try ConfigLoader.parse(yaml: "http:\n  listen: \"[::1]:8080\"\n", file: "t.yaml")
        #expect((v6.http.host, v6.http.port) == ("::1", 8080))
    }

    @Test("a bad port is reported at its line and key")
    func badPortInConfig() throws {
        let error = try #require(ConfigFixtures.error("state_dir: /tmp/x\nhttp:\n  listen: 127.0.0.1:70000\n"))
        #expect(error.line == 3)
        #expect(error.column == 11)
        #expect(error.key == "http.listen")
        #expect(error.message.contains("65535"))
    }

    @Test("unquoted [::1]:8080 is an error that tells how to quote it")
    func unquotedIPv6() throws {
        let error = try #require(ConfigFixtures.error("http:\n  listen: [::1]:8080\n"))
        #expect(error.line == 2)
        #expect(error.message.contains("\"[::1]:8080\""))
    }

    @Test("a quoted IPv6 list hint when the value became a YAML list")
    func flowListHint() throws {
        let error = try #require(ConfigFixtures.error("http:\n  listen: [\"::1\"]\n"))
        #expect(error.key == "http.listen")
        #expect(error.message.contains("\"[::1]:8080\""))
    }
}
