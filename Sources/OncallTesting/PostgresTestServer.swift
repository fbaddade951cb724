import Foundation

/// A throwaway PostgreSQL cluster for the tests: Debian's server binaries, a new data directory
/// under the temporary folder, password authentication, listening on a free loopback port only.
/// One cluster serves the whole test process (each test takes a database of its own) and is
/// stopped when the process exits.
///
/// As root, the server runs as the `postgres` user (PostgreSQL refuses to run as root).
public actor PostgresTestServer {
    public static let shared = PostgresTestServer()

    public struct Started: Sendable {
        public let port: Int
        public let user: String
        public let password: String
        public let directory: String
    }

    private var started: Started?
    /// The one start in progress: the actor is re-entered while it awaits, and every caller must wait
    /// for the same cluster instead of starting one of its own.
    private var starting: Task<Started, any Error>?

    /// A `postgres://` URL of a new, empty database on the shared cluster (started on first use).
    public func newDatabaseURL() async throws -> String {
        let server = try await start()
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await Self.psql(server, "CREATE DATABASE \(name)")
        return "postgres://\(server.user):\(server.password)@127.0.0.1:\(server.port)/\(name)"
    }

    /// The running cluster, started on first use.
    public func start() async throws -> Started {
        if let started { return started }
        if let starting { return try await starting.value }
        let task = Task { try await Self.startCluster() }
        starting = task
        do {
            let server = try await task.value
            started = server
            return server
        } catch {
            starting = nil
            throw error
        }
    }

    private static func startCluster() async throws -> Started {
        let bin = try binaries()
        let directory = NSTemporaryDirectory() + "oncall-pg-" + UUID().uuidString.prefix(8)
        let data = directory + "/data"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let password = UUID().uuidString
        try password.write(toFile: directory + "/pwfile", atomically: true, encoding: .utf8)
        let asUser = getuid() == 0 ? ["runuser", "-u", "postgres", "--"] : []
        if getuid() == 0 { try await offPool(["chown", "-R", "postgres", directory]) }
        try await offPool(asUser + [bin + "/initdb", "-D", data, "-U", "oncall", "--auth=scram-sha-256", "--pwfile=" + directory + "/pwfile",
                               "--encoding=UTF8", "--locale=C.UTF-8"])
        var lastError: (any Error)?
        for _ in 0..<5 {
            let port = Int.random(in: 20_000..<40_000)
            do {
                try await offPool(asUser + [
                    bin + "/pg_ctl", "-D", data, "-l", directory + "/server.log", "-w", "-t", "60", "start", "-o",
                    "-c listen_addresses=127.0.0.1 -p \(port) -k \(directory) -c max_connections=200 -c fsync=on",
                ])
                let server = Started(port: port, user: "oncall", password: password, directory: directory)
                PostgresTestServer.stopAtExit(asUser: asUser, pgCtl: bin + "/pg_ctl", data: data, directory: directory)
                return server
            } catch {
                lastError = error
            }
        }
        throw lastError ?? TestServerError("PostgreSQL did not start")
    }

    /// Kills the server's connections of `database` from the server side: a node's session ends as
    /// if its host had gone (its advisory locks are freed).
    public func terminateConnections(ofApplication name: String) async throws {
        guard let server = started else { return }
        try await Self.psql(server, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '\(name)'")
    }

    private static func psql(_ server: Started, _ sql: String) async throws {
        try await offPool(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", String(server.port), "-U", server.user,
                 "-d", "postgres", "-c", sql], environment: ["PGPASSWORD": server.password])
    }

    /// The newest installed server's `bin` folder (`/usr/lib/postgresql/15/bin`).
    private static func binaries() throws -> String {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted()
        guard let newest = versions.last, FileManager.default.isExecutableFile(atPath: "\(root)/\(newest)/bin/initdb") else {
            throw TestServerError("no PostgreSQL server under \(root): install Debian's postgresql (scripts/dev setup does)")
        }
        return "\(root)/\(newest)/bin"
    }

    /// `run` on a thread of its own: initdb takes seconds, and a blocked thread of the cooperative pool
    /// (as wide as the machine has cores) would stall every other test's tasks meanwhile.
    private static func offPool(_ arguments: [String], environment: [String: String] = [:]) async throws {
        try await offThread { try run(arguments, environment: environment) }
    }

    /// Runs a command to its end. posix_spawn and waitpid, not `Process`: its wait can miss the end
    /// of a command whose child (the server pg_ctl starts) lives on.
    private static func run(_ arguments: [String], environment: [String: String] = [:]) throws {
        let outputPath = NSTemporaryDirectory() + "oncall-pg-command-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Nothing but 0–2 is inherited (Python closes the rest, then execs the command): the server pg_ctl
        // starts would otherwise hold other tests' pipes and sockets open for as long as it runs.
        let closeTheRest = "import os, sys; os.closerange(3, os.sysconf('SC_OPEN_MAX')); os.execvp(sys.argv[1], sys.argv[1:])"
        let argv = (["/usr/bin/env", "python3", "-c", closeTheRest] + arguments).map { strdup($0) } + [nil]
        let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + variables).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/usr/bin/env", &actions, nil, argv, variables)
        guard spawned == 0 else { throw TestServerError("cannot start \(arguments[0]): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        // WIFEXITED and WEXITSTATUS, which Swift does not import (they are macros).
        guard status & 0x7F == 0, (status >> 8) & 0xFF == 0 else {
            throw TestServerError("\(arguments.joined(separator: " ")) failed (status \(status)): \(text)")
        }
    }

    /// What `atexit` runs: a C function cannot capture, so the command is kept here.
    nonisolated(unsafe) private static var stopCommand: [String] = []
    nonisolated(unsafe) private static var clusterDirectory = ""

    private static func stopAtExit(asUser: [String], pgCtl: String, data: String, directory: String) {
        stopCommand = asUser + [pgCtl, "-D", data, "-m", "immediate", "stop"]
        clusterDirectory = directory
        atexit {
            try? PostgresTestServer.run(PostgresTestServer.stopCommand)
            try? FileManager.default.removeItem(atPath: PostgresTestServer.clusterDirectory)
        }
    }
}

public struct TestServerError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
