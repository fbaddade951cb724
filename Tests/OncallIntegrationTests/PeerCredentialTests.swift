import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 11: the local socket checks who is calling (SO_PEERCRED), not only its file mode. With
/// the socket world-writable on purpose, a user outside its group is still refused, and is let in
/// once `socket.allowed_users` names it (applied by a reload).
extension EndToEnd {
@Suite("Unix socket peer credentials")
struct PeerCredentialTests {
    static let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// `oncallctl ARGS` run as `nobody`, with no supplementary groups.
    func asNobody(_ arguments: [String]) async throws -> ProcessResult {
        try await ChildProcess.run(
            try #require(Self.setpriv), ["--reuid=nobody", "--regid=nogroup", "--clear-groups", Binaries.oncallctl] + arguments)
    }

    @Test("a user outside the socket's group is refused by uid, though the file mode lets it connect",
          .enabled(if: getuid() == 0 && setpriv != nil, "needs root and setpriv to run oncallctl as nobody"))
    func outsiderRefused() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        func config(allowing users: [String]) -> String {
            sandbox.config().replacingOccurrences(
                of: "  path: \(sandbox.socketPath)\n",
                with: "  path: \(sandbox.socketPath)\n  mode: \"0666\"\n  allowed_users: [\(users.joined(separator: ", "))]\n")
        }
        try sandbox.writeConfig(config(allowing: []))
        // nobody must reach the socket file itself: the checks under test are the daemon's.
        chmod(sandbox.path, 0o755)
        let daemon = try await sandbox.startDaemon()

        let refused = try await asNobody(["list", "--socket", sandbox.socketPath])
        #expect(refused.status != 0, "nobody was let in: \(refused.stdout)")
        #expect(refused.stderr.contains("may not use this socket"), "\(refused.stderr)")
        #expect(try await sandbox.incidents().isEmpty)
        let report = try await asNobody(["report", "--socket", sandbox.socketPath, "--subject", "from nobody",
                                         "--organisation", "o", "--reporter", "r"])
        #expect(report.status != 0, "\(report.stdout)")
        #expect(try await sandbox.incidents().isEmpty, "a refused caller changed nothing")

        // Named in socket.allowed_users (a reload applies it): admitted.
        try sandbox.writeConfig(config(allowing: ["nobody"]))
        let ready = try #require(daemon.notify.index(of: "READY=1"))
        daemon.send(SIGHUP)
        let reloading = try await daemon.notify.waitFor("RELOADING=1", skipping: ready + 1)
        try await daemon.notify.waitFor("READY=1", skipping: reloading + 1)
        let admitted = try await asNobody(["list", "--socket", sandbox.socketPath])
        #expect(admitted.status == 0, "\(admitted.stdout)\n\(admitted.stderr)\n\(sandbox.logs)")
    }
}
}
