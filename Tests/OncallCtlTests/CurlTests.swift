import Foundation
import OncallCurl
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("OncallCurl against a local server", .enabled(if: TestServer.pythonAvailable, "needs python3"))
struct CurlTests {
    struct Echo: Decodable {
        var method: String
        var path: String
        var headers: [String: String]
        var body: String
        var length: Int
    }

    func echo(_ response: CurlResponse) throws -> Echo {
        try JSONDecoder().decode(Echo.self, from: response.body)
    }

    @Test("GET: status, response headers, request headers")
    func get() throws {
        let server = try TestServer()
        defer { server.stop() }
        let response = try perform(
            CurlRequest(url: server.baseURL + "/echo?x=1&y=%E4%B8%AD", headers: [("X-Test", "yes 是"), ("X-Empty", "")]))
        #expect(response.status == 200)
        #expect(response.header("x-echo") == "yes")
        #expect(response.header("CONTENT-TYPE") == "application/json")
        let echo = try echo(response)
        #expect(echo.method == "GET")
        #expect(echo.path == "/echo?x=1&y=%E4%B8%AD")
        #expect(echo.headers["x-empty"] == "")
        #expect(echo.headers["expect"] == nil)
    }

    @Test("POST, PUT and DELETE bodies arrive byte for byte")
    func bodies() throws {
        let server = try TestServer()
        defer { server.stop() }
        let text = "hello\u{0}世界 {\"a\":1}"
        let posted = try echo(perform(CurlRequest(method: "POST", url: server.baseURL + "/echo", headers: [("Content-Type", "application/json")], body: Data(text.utf8))))
        #expect(posted.method == "POST")
        #expect(posted.body == text)
        #expect(posted.length == Data(text.utf8).count)
        #expect(posted.headers["content-type"] == "application/json")

        let large = Data(repeating: UInt8(ascii: "z"), count: 300_000)
        let clock = ContinuousClock()
        let start = clock.now
        let big = try echo(perform(CurlRequest(method: "PUT", url: server.baseURL + "/echo", body: large)))
        #expect(big.method == "PUT")
        #expect(big.length == large.count)
        #expect(clock.now - start < .milliseconds(900), "no wait for 100 Continue")

        let emptyPost = try echo(perform(CurlRequest(method: "POST", url: server.baseURL + "/echo")))
        #expect(emptyPost.length == 0)
        let deleted = try echo(perform(CurlRequest(method: "DELETE", url: server.baseURL + "/echo/1")))
        #expect(deleted.method == "DELETE")
        let head = try perform(CurlRequest(method: "HEAD", url: server.baseURL + "/echo"))
        #expect(head.status == 200 && head.body.isEmpty)
    }

    @Test("an error status is a response, not a thrown error")
    func errorStatus() throws {
        let server = try TestServer()
        defer { server.stop() }
        let response = try perform(CurlRequest(url: server.baseURL + "/status/418"))
        #expect(response.status == 418)
    }

    @Test("a refused TCP connection is couldNotConnect with curl's code, text and errno")
    func refused() throws {
        let port = try Self.unusedPort()
        let error = try #require(throws: CurlError.self) {
            try perform(CurlRequest(url: "http://127.0.0.1:\(port)/", timeout: .seconds(5)))
        }
        #expect(error.kind == .couldNotConnect)
        #expect(error.code == 7)
        #expect(error.message == "Couldn't connect to server")
        #expect(!error.detail.isEmpty)
        #expect(error.osErrno == ECONNREFUSED)
    }

    @Test("a missing Unix socket file is couldNotConnect (ENOENT)")
    func missingSocket() throws {
        let error = try #require(throws: CurlError.self) {
            try perform(CurlRequest(url: "http://localhost/healthz", unixSocketPath: "/tmp/octl-missing-\(UUID().uuidString.prefix(6)).sock"))
        }
        #expect(error.kind == .couldNotConnect)
        #expect(error.osErrno == ENOENT)
    }

    @Test("HTTP over a Unix socket, from another thread with performDetached")
    func unixSocket() async throws {
        let path = TestServer.temporarySocketPath()
        let server = try TestServer(unixSocket: path)
        defer { server.stop() }
        let response = try await performDetached(CurlRequest(url: "http://localhost/healthz", unixSocketPath: path))
        #expect(response.status == 200)
        #expect(response.text == "{\"status\": \"ok\"}")
    }

    @Test("a connection closed without an answer is connectionLost")
    func connectionLost() throws {
        let path = TestServer.temporarySocketPath()
        let server = try TestServer(unixSocket: path, arguments: ["--drop-every-report"])
        defer { server.stop() }
        let error = try #require(throws: CurlError.self) {
            try perform(CurlRequest(method: "POST", url: "http://localhost/v1/incidents", body: Data("{}".utf8), unixSocketPath: path))
        }
        #expect(error.kind == .connectionLost)
        #expect(error.code == 52)
    }

    @Test("a bad URL is another failure, not couldNotConnect")
    func badURL() throws {
        let error = try #require(throws: CurlError.self) { try perform(CurlRequest(url: "nope://x")) }
        #expect(error.kind == .other)
        #expect(error.code == 1)  // CURLE_UNSUPPORTED_PROTOCOL
    }

    @Test("SMTP: envelope and message reach the server", .enabled(if: TestServer.smtpdAvailable, "needs Python's smtpd"))
    func smtp() throws {
        let server = try TestServer(script: "smtp_sink.py")
        defer { server.stop() }
        let message = "From: oncalld <oncalld@example.org>\r\nTo: pm@example.org\r\nSubject: test\r\n\r\nLine 1\r\n.starts with a dot\r\n"
        let response = try perform(
            CurlRequest(
                url: "smtp://127.0.0.1:\(server.port ?? 0)", body: Data(message.utf8), mailFrom: "<oncalld@example.org>",
                mailRecipients: ["<pm@example.org>", "<eg@example.org>"]))
        #expect(response.status == 250)
        struct Received: Decodable { var from: String; var to: [String]; var data: String }
        let line = try #require(server.nextLine())
        let received = try JSONDecoder().decode(Received.self, from: Data(line.utf8))
        #expect(received.from == "oncalld@example.org")
        #expect(received.to == ["pm@example.org", "eg@example.org"])
        #expect(received.data.contains("Subject: test"))
        #expect(received.data.contains("\n.starts with a dot"))
    }

    /// A TCP port nothing listens on: bound, read back, and closed again.
    static func unusedPort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(fd, raw, length) == 0 && getsockname(fd, raw, &length) == 0
            }
        }
        #expect(ok)
        return UInt16(bigEndian: address.sin_port)
    }
}
