import Foundation
import OncallCurl
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Serialized, and blocking work (starting a Python server, a shutdown that waits) runs on threads of its
/// own: a timing test must not wait for the cooperative pool (two threads here) to get around to it.
@Suite("CurlMulti against a local server", .serialized, .enabled(if: TestServer.pythonAvailable, "needs python3"))
struct CurlMultiTests {
    struct Stats: Decodable {
        var current: Int
        var max: Int
        var total: Int
    }

    struct Echo: Decodable {
        var method: String
        var headers: [String: String]
        var body: String
        var length: Int
    }

    /// Runs blocking work on a new thread instead of the cooperative pool.
    func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
        }
    }

    func startServer(_ script: String = "fake_oncalld.py") async throws -> TestServer {
        try await offPool { try TestServer(script: script) }
    }

    func stats(_ server: TestServer) async throws -> Stats {
        let response = try await performDetached(CurlRequest(url: server.baseURL + "/stats"))
        return try JSONDecoder().decode(Stats.self, from: response.body)
    }

    /// Runs `count` GET /sleep/`ms`/`i` requests at once through `multi`; returns each body by index.
    func sleepers(_ count: Int, ms: Int, on server: TestServer, through multi: CurlMulti) async throws -> [Int: String] {
        try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for index in 0..<count {
                group.addTask {
                    let response = try await multi.perform(CurlRequest(url: server.baseURL + "/sleep/\(ms)/\(index)"))
                    #expect(response.status == 200)
                    return (index, response.text)
                }
            }
            var bodies: [Int: String] = [:]
            for try await (index, text) in group { bodies[index] = text }
            return bodies
        }
    }

    @Test("20 requests of 300 ms each run at once: all answers correct, the server sees them together")
    func concurrent() async throws {
        let server = try await startServer("slow_server.py")
        defer { server.stop() }
        let multi = CurlMulti()
        defer { multi.shutdown() }

        let clock = ContinuousClock()
        let start = clock.now
        let bodies = try await sleepers(20, ms: 300, on: server, through: multi)
        let elapsed = clock.now - start
        print("CurlMulti: 20 × 300 ms requests took \(elapsed)")

        #expect(bodies.count == 20)
        for index in 0..<20 { #expect(bodies[index] == "\(index)") }
        // Concurrency is shown by the server, not by a wall-clock bound that a loaded CI machine
        // could break; speed belongs in the benchmark.
        let stats = try await stats(server)
        #expect(stats.total == 20)
        #expect(stats.max >= 10, "the server saw \(stats.max) requests at once; one after another would be 1")
    }

    @Test("at most maxConcurrent transfers run at once; the rest wait their turn")
    func maxConcurrent() async throws {
        let server = try await startServer("slow_server.py")
        defer { server.stop() }
        let multi = CurlMulti(maxConcurrent: 3)
        defer { multi.shutdown() }

        let clock = ContinuousClock()
        let start = clock.now
        let bodies = try await sleepers(9, ms: 200, on: server, through: multi)
        let elapsed = clock.now - start
        print("CurlMulti(maxConcurrent: 3): 9 × 200 ms requests took \(elapsed)")

        #expect(bodies.count == 9)
        for index in 0..<9 { #expect(bodies[index] == "\(index)") }
        let stats = try await stats(server)
        #expect(stats.total == 9)
        #expect(stats.max == 3)
        #expect(elapsed >= .milliseconds(580), "three rounds of 200 ms")
    }

    @Test("POST and PUT bodies arrive byte for byte; an error status is a response")
    func bodies() async throws {
        let server = try await startServer()
        defer { server.stop() }
        let multi = CurlMulti()
        defer { multi.shutdown() }

        let text = "hello\u{0}世界 {\"a\":1}"
        let posted = try await multi.perform(
            CurlRequest(method: "POST", url: server.baseURL + "/echo", headers: [("Content-Type", "application/json")], body: Data(text.utf8)))
        #expect(posted.status == 200)
        #expect(posted.header("x-echo") == "yes")
        let echo = try JSONDecoder().decode(Echo.self, from: posted.body)
        #expect(echo.method == "POST")
        #expect(echo.body == text)
        #expect(echo.length == Data(text.utf8).count)
        #expect(echo.headers["content-type"] == "application/json")
        #expect(echo.headers["expect"] == nil)

        let large = Data(repeating: UInt8(ascii: "z"), count: 300_000)
        let put = try JSONDecoder().decode(Echo.self, from: try await multi.perform(CurlRequest(method: "PUT", url: server.baseURL + "/echo", body: large)).body)
        #expect(put.method == "PUT")
        #expect(put.length == large.count)

        let teapot = try await multi.perform(CurlRequest(url: server.baseURL + "/status/418"))
        #expect(teapot.status == 418)
    }

    @Test("a refused connection fails exactly as with perform(_:)")
    func refused() async throws {
        let port = try CurlTests.unusedPort()
        let request = CurlRequest(url: "http://127.0.0.1:\(port)/", timeout: .seconds(5))
        let multi = CurlMulti()
        defer { multi.shutdown() }

        let viaMulti = try await #require(throws: CurlError.self) { try await multi.perform(request) }
        let viaEasy = try #require(throws: CurlError.self) { try perform(request) }
        #expect(viaMulti.kind == .couldNotConnect)
        #expect(viaMulti.kind == viaEasy.kind)
        #expect(viaMulti.code == viaEasy.code)
        #expect(viaMulti.message == viaEasy.message)
        #expect(viaMulti.osErrno == ECONNREFUSED)
        #expect(!viaMulti.detail.isEmpty)
    }

    @Test("a bad URL is a setup failure, reported like perform(_:)")
    func badURL() async throws {
        let multi = CurlMulti()
        defer { multi.shutdown() }
        let error = try await #require(throws: CurlError.self) { try await multi.perform(CurlRequest(url: "nope://x")) }
        #expect(error.kind == .other)
        #expect(error.code == 1)  // CURLE_UNSUPPORTED_PROTOCOL
    }

    @Test("shutdown with nothing in flight returns at once; later transfers fail without being sent")
    func idleShutdown() async throws {
        let server = try await startServer()
        defer { server.stop() }
        let clock = ContinuousClock()

        let unused = CurlMulti()
        let unusedTime = clock.measure { unused.shutdown() }

        let multi = CurlMulti()
        #expect(try await multi.perform(CurlRequest(url: server.baseURL + "/healthz")).status == 200)
        try await Task.sleep(for: .milliseconds(50))  // let the thread settle into curl_multi_poll
        let usedTime = clock.measure { multi.shutdown() }
        print("CurlMulti.shutdown(), idle: \(unusedTime) (never used), \(usedTime) (after a transfer)")
        #expect(unusedTime < .milliseconds(200))
        #expect(usedTime < .milliseconds(200), "curl_multi_wakeup ends the 1 s poll")

        let error = try await #require(throws: CurlError.self) { try await multi.perform(CurlRequest(url: server.baseURL + "/healthz")) }
        #expect(error.kind == .other)
        #expect(error.code == 42)  // CURLE_ABORTED_BY_CALLBACK
        multi.shutdown()  // again: harmless
    }

    @Test("shutdown lets the running transfer finish and fails the queued ones")
    func drainingShutdown() async throws {
        let server = try await startServer("slow_server.py")
        defer { server.stop() }
        let multi = CurlMulti(maxConcurrent: 1)

        let results = Task {
            await withTaskGroup(of: Result<String, CurlError>.self) { group in
                for index in 0..<3 {
                    group.addTask {
                        do throws(CurlError) {
                            return .success(try await multi.perform(CurlRequest(url: server.baseURL + "/sleep/500/\(index)")).text)
                        } catch {
                            return .failure(error)
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
        }
        // Shut down once the first transfer is in the server (the others are queued, or not yet submitted).
        let deadline = ContinuousClock.now + .seconds(5)
        while try await stats(server).current == 0, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        let clock = ContinuousClock()
        let waited = try await offPool { clock.measure { multi.shutdown() } }
        let outcomes = await results.value
        print("CurlMulti.shutdown() with one 500 ms transfer in flight waited \(waited)")

        #expect(waited >= .milliseconds(200), "waited for the transfer in flight")
        let successes = outcomes.compactMap { try? $0.get() }
        #expect(successes.count == 1)
        #expect(successes.allSatisfy { ["0", "1", "2"].contains($0) })
        let failures = outcomes.compactMap { outcome -> CurlError? in
            if case .failure(let error) = outcome { return error }
            return nil
        }
        #expect(failures.count == 2)
        #expect(failures.allSatisfy { $0.code == 42 })
        #expect(try await stats(server).total == 1, "the queued transfers were never sent")
    }
}
