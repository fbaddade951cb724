import Foundation
import Testing

/// The built `oncallctl`, next to the test bundle.
let oncallctlBinary: URL? = {
    let directory = URL(filePath: CommandLine.arguments[0]).deletingLastPathComponent()
    let candidates = [directory, Bundle.main.bundleURL.deletingLastPathComponent(), Bundle.main.bundleURL]
    return candidates.map { $0.appending(path: "oncallctl") }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
}()

/// Runs the built `oncallctl` binary against the fake daemon, checking its output and exit status.
@Suite("oncallctl end to end", .enabled(if: TestServer.pythonAvailable && oncallctlBinary != nil, "needs python3 and the built oncallctl"))
struct EndToEndTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func run(_ arguments: [String], stdin: String = "", environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = try #require(oncallctlBinary)
        process.arguments = arguments
        process.environment = ["TZ": "UTC", "PATH": "/usr/bin:/bin"].merging(environment) { $1 }
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }

    func withDaemon(_ body: (String) throws -> Void) throws {
        let path = TestServer.temporarySocketPath()
        let server = try TestServer(unixSocket: path)
        defer { server.stop() }
        try body(path)
    }

    @Test("report prints the new number alone; --json prints the incident")
    func report() throws {
        try withDaemon { socket in
            let fields = ["--subject", "数据库宕机", "--organisation", "财务处", "--reporter", "张三", "--outage-started", "-15m"]
            let plain = try run(["report", "--socket", socket] + fields)
            #expect(plain.status == 0)
            #expect(plain.stdout == "INC-000001\n")
            #expect(plain.stderr == "")
            let json = try run(["report", "--socket", socket, "--json", "--idempotency-key", "abc"] + fields)
            #expect(json.status == 0)
            #expect(json.stdout.contains("\"other\" : \"attempts=1 key=abc\""))
            #expect(json.stdout.contains("\"outage_started\" : \"20"))
        }
    }

    @Test("report --json-input reads the report from stdin")
    func jsonInput() throws {
        try withDaemon { socket in
            let ok = try run(
                ["report", "--json-input", "--socket", socket],
                stdin: #"{"subject": "Disk full", "organisation": "IT", "reporter": "Li", "scope": "few"}"#)
            #expect(ok.status == 0)
            #expect(ok.stdout == "INC-000001\n")
            let unknown = try run(["report", "--json-input", "--socket", socket], stdin: #"{"subject": "x", "colour": "red"}"#)
            #expect(unknown.status == 64)
            #expect(unknown.stderr.hasPrefix("oncallctl: --json-input: unknown field 'colour'"))
        }
    }

    @Test("missing fields without a terminal: usage error, exit 64")
    func missingFields() throws {
        let result = try run(["report", "--subject", "x", "--socket", "/tmp/none.sock"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("missing --organisation, --reporter"))
        #expect(result.stdout == "")
    }

    @Test("refused by the daemon: exit 1 and its message")
    func refused() throws {
        try withDaemon { socket in
            let result = try run(["show", "INC-000404", "--socket", socket])
            #expect(result.status == 1)
            #expect(result.stderr == "oncallctl: incident INC-000404 not found\n")
        }
    }

    @Test("daemon unreachable: exit 69 and where it looked")
    func unreachable() throws {
        let result = try run(["list"], environment: ["ONCALLD_SOCKET": "/tmp/octl-nothing-here.sock"])
        #expect(result.status == 69)
        #expect(result.stderr == "oncallctl: cannot reach oncalld at /tmp/octl-nothing-here.sock: No such file or directory (is oncalld running?)\n")
    }

    @Test("actions print one confirmation line")
    func actions() throws {
        try withDaemon { socket in
            let cases: [([String], String)] = [
                (["ack", "7"], "INC-000007 acknowledged (state: acknowledged, level: L2)"),
                (["escalate", "INC-000007", "--reason", "vendor needed"], "INC-000007 escalated (state: escalated, level: L1)"),
                (["resolve", "7", "--summary", "restarted"], "INC-000007 resolved (state: resolved, level: L2)"),
                (["close", "7"], "INC-000007 closed (state: closed, level: L2)"),
                (["note", "7", "called", "the", "vendor"], "INC-000007 note added (state: reported, level: L2)"),
            ]
            for (arguments, expected) in cases {
                let result = try run(arguments + ["--socket", socket])
                #expect(result.status == 0, "\(arguments)")
                #expect(result.stdout == expected + "\n")
            }
            #expect(try run(["health", "--socket", socket]).stdout == "ok\n")
        }
    }

    @Test("list prints an aligned table; show prints fields and the timeline")
    func listAndShow() throws {
        try withDaemon { socket in
            let list = try run(["list", "--socket", socket, "--state", "reported", "--since", "-1h"])
            #expect(list.status == 0)
            let lines = list.stdout.split(separator: "\n").map(String.init)
            #expect(lines.count == 3)
            #expect(lines[0] == "ID          LVL  STATE     REPORTED          ORGANISATION    SUBJECT")
            #expect(lines[2].hasPrefix("INC-000001  L1   reported  2026-11-25 00:05  Finance 财务处  数据库连接超时"))
            #expect(lines[1].contains("query=state=reported&since=20"))

            let show = try run(["show", "1", "--socket", socket])
            #expect(show.status == 0)
            #expect(show.stdout.hasPrefix("INC-000001  L2  reported\nSubject (问题主题):"))
            #expect(show.stdout.contains("Timeline:\nTIME                 KIND      ACTOR      DETAILS\n2026-11-25 00:05:00  reported  oncallctl  level=2 scope=part\n"))

            let json = try run(["show", "1", "--json", "--socket", socket])
            #expect(json.stdout.contains("\"timeline\" : ["))
        }
    }

    @Test("usage errors exit 64")
    func usage() throws {
        #expect(try run(["show", "nope"]).status == 64)
        #expect(try run(["escalate", "1"]).status == 64)
        #expect(try run(["frobnicate"]).status == 64)
        #expect(try run(["--help"]).status == 0)
    }
}
