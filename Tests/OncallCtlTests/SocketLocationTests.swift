import Testing

@testable import oncallctl

@Suite("Socket location")
struct SocketLocationTests {
    @Test("--socket wins over everything")
    func option() {
        let path = SocketLocation.resolve(option: "/tmp/x.sock", environment: ["ONCALLD_SOCKET": "/env.sock"], fileExists: { _ in true })
        #expect(path == "/tmp/x.sock")
    }

    @Test("then $ONCALLD_SOCKET, unless empty")
    func environment() {
        #expect(SocketLocation.resolve(option: nil, environment: ["ONCALLD_SOCKET": "/env.sock"], fileExists: { _ in true }) == "/env.sock")
        #expect(SocketLocation.resolve(option: nil, environment: ["ONCALLD_SOCKET": ""], fileExists: { _ in false }) == "/run/oncalld/oncalld.sock")
    }

    @Test("then run/oncalld.sock in the current directory if it exists, else the system socket")
    func fallbacks() {
        #expect(SocketLocation.resolve(option: nil, environment: [:], fileExists: { $0 == "run/oncalld.sock" }) == "run/oncalld.sock")
        #expect(SocketLocation.resolve(option: nil, environment: [:], fileExists: { _ in false }) == "/run/oncalld/oncalld.sock")
    }
}
