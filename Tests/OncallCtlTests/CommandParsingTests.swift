import ArgumentParser
import Foundation
import OncallAPI
import OncallClient
import OncallCore
import Testing

@testable import oncallctl

@Suite("Command parsing and exit codes")
struct CommandParsingTests {
    func parse<T: ParsableCommand>(_ type: T.Type, _ arguments: [String]) throws -> T {
        try #require(try OncallCtl.parseAsRoot(arguments) as? T)
    }

    /// The exit status ArgumentParser gives a parse or validation failure.
    func exitStatus(_ arguments: [String]) -> Int32? {
        do {
            _ = try OncallCtl.parseAsRoot(arguments)
            return nil
        } catch {
            return OncallCtl.exitCode(for: error).rawValue
        }
    }

    @Test("report takes every field, times relative to now, and a scope")
    func report() throws {
        let command = try parse(Report.self, [
            "report", "--subject", "数据库宕机", "--organisation", "财务处", "--reporter", "张三", "--reporter-contact", "138",
            "--situation", "s", "--description", "d", "--required-by", "today", "--other", "o", "--scope", "part",
            "--service", "billing", "--site", "Beijing", "--outage-started", "-15m", "--outage-ended=now", "--socket", "/tmp/s",
        ])
        #expect(command.usageProblem(stdinIsTerminal: false) == nil)
        let t0 = Date(timeIntervalSince1970: 1_700_000_000)
        let request = try command.makeRequest(now: t0)
        #expect(request.subject == "数据库宕机")
        #expect(request.scope == .part)
        #expect(request.outageStarted == t0.addingTimeInterval(-900))
        #expect(request.outageEnded == t0)
        #expect(request.requiredBy == "today")
        #expect(command.global.socketPath == "/tmp/s")
    }

    @Test("missing required fields are a usage error unless a terminal can be asked")
    func missingFields() throws {
        // Parsing validates (and stdin is no terminal under test), so parse a complete command and then drop fields.
        var command = try parse(Report.self, ["report", "--subject", "x", "--organisation", "o", "--reporter", "r"])
        command.organisation = nil
        command.reporter = "  "
        #expect(command.usageProblem(stdinIsTerminal: false) == "missing --organisation, --reporter (required when standard input is not a terminal)")
        #expect(command.usageProblem(stdinIsTerminal: true) == nil)
        #expect(command.missingRequired == ["--organisation", "--reporter"])
    }

    @Test("usage errors exit 64", arguments: [
        ["report", "--json-input", "--subject", "x"],
        ["report", "--scope", "everything", "--subject", "x", "--organisation", "o", "--reporter", "r"],
        ["report", "--outage-started", "yesterday", "--subject", "x", "--organisation", "o", "--reporter", "r"],
        ["list", "--state", "open"], ["list", "--level", "4"], ["list", "--limit", "0"], ["list", "--since", "soon"],
        ["show"], ["show", "ABC-1"], ["show", "0"], ["ack", "INC-x"], ["escalate", "1"], ["escalate", "1", "--reason", " "],
        ["resolve", "1"], ["note", "1"], ["bogus"], ["list", "--bogus"],
    ])
    func usage(_ arguments: [String]) {
        #expect(exitStatus(arguments) == 64)
    }

    @Test("list: repeated and comma-separated states, level, relative since")
    func list() throws {
        let command = try parse(List.self, ["list", "--state", "reported,acknowledged", "--state", "closed", "--level", "L1", "--since", "-2h"])
        #expect(command.states == ["reported", "acknowledged", "closed"])
        #expect(command.level?.value == 1)
        #expect(command.since == .ago(.seconds(7200)))
        #expect(command.limit == 50)
    }

    @Test("incident numbers: INC-000123, inc-123 or 123")
    func numbers() throws {
        #expect(try parse(Show.self, ["show", "INC-000123"]).id == IncidentNumber(123))
        #expect(try parse(Ack.self, ["ack", "inc-5"]).id == IncidentNumber(5))
        #expect(try parse(Close.self, ["close", "42"]).id.description == "INC-000042")
    }

    @Test("note joins its words")
    func note() throws {
        #expect(try parse(Note.self, ["note", "1", "disk", "is", "full"]).noteText == "disk is full")
        #expect(try parse(Note.self, ["note", "1", "一句话"]).noteText == "一句话")
    }

    @Test("client errors map to exit 1 (refused) and 69 (unreachable)")
    func clientErrors() {
        #expect(GlobalOptions.exitCode(for: .refused(status: 409, .init(code: "conflict", message: "m"))).rawValue == 1)
        #expect(GlobalOptions.exitCode(for: .unreachable(socketPath: "/x", reason: "r")).rawValue == 69)
        #expect(GlobalOptions.exitCode(for: .badResponse("b")).rawValue == 69)
    }
}

@Suite("--socket before the subcommand")
struct SocketPlacementTests {
    @Test("is moved after the subcommand", arguments: [
        (["--socket", "/s", "list"], ["list", "--socket", "/s"]),
        (["--socket=/s", "show", "1"], ["show", "--socket=/s", "1"]),
        (["list", "--socket", "/s"], ["list", "--socket", "/s"]),
        (["--socket"], ["--socket"]),
        (["--help"], ["--help"]),
    ])
    func moved(input: [String], expected: [String]) {
        #expect(GlobalOptions.movingSocketAfterSubcommand(input) == expected)
    }
}
