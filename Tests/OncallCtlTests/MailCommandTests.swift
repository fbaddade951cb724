import ArgumentParser
import Foundation
import OncallAPI
import Testing

@testable import oncallctl

@Suite("report --eml and quarantine: parsing and output")
struct MailCommandTests {
    func exitStatus(_ arguments: [String]) -> Int32? {
        do {
            _ = try OncallCtl.parseAsRoot(arguments)
            return nil
        } catch {
            return OncallCtl.exitCode(for: error).rawValue
        }
    }

    @Test("report --eml takes a file (or -) and recipients")
    func eml() throws {
        let command = try #require(try OncallCtl.parseAsRoot(
            ["report", "--eml", "m.eml", "--recipient", "faults+wms@example.com", "--recipient", "b@example.com"]) as? Report)
        #expect(command.eml == "m.eml")
        #expect(command.recipient == ["faults+wms@example.com", "b@example.com"])
        #expect(try OncallCtl.parseAsRoot(["report", "--eml", "-", "--json"]) is Report)
    }

    @Test("field options, --json-input and --idempotency-key are refused with --eml; --recipient needs --eml", arguments: [
        ["report", "--eml", "m.eml", "--subject", "x"], ["report", "--eml", "m.eml", "--scope", "all"],
        ["report", "--eml", "m.eml", "--json-input"], ["report", "--eml", "m.eml", "--idempotency-key", "k"],
        ["report", "--eml", ""], ["report", "--recipient", "a@b", "--subject", "x", "--organisation", "o", "--reporter", "r"],
    ])
    func emlUsage(_ arguments: [String]) {
        #expect(exitStatus(arguments) == 64)
    }

    @Test("quarantine subcommands parse; bad ids and statuses are usage errors")
    func quarantine() throws {
        let list = try #require(try OncallCtl.parseAsRoot(["quarantine", "list", "--status", "held", "--json"]) as? QuarantineList)
        #expect(list.status == .held && list.json && list.limit == 100)
        let show = try #require(try OncallCtl.parseAsRoot(["quarantine", "show", "12", "--raw"]) as? QuarantineShow)
        #expect(show.id == 12 && show.raw)
        #expect(try OncallCtl.parseAsRoot(["quarantine", "retry", "3"]) is QuarantineRetry)
        #expect(try OncallCtl.parseAsRoot(["quarantine", "drop", "3"]) is QuarantineDrop)
        for bad in [["quarantine", "list", "--status", "lost"], ["quarantine", "show", "0"], ["quarantine", "show", "x"],
                    ["quarantine", "show", "1", "--raw", "--json"], ["quarantine", "retry"], ["quarantine", "list", "--limit", "0"]] {
            #expect(exitStatus(bad) == 64, "\(bad)")
        }
    }

    @Test("--socket before a group goes after the group's subcommand")
    func socketBeforeGroup() {
        #expect(GlobalOptions.movingSocketAfterSubcommand(["--socket", "/s", "quarantine", "list", "--json"])
            == ["quarantine", "list", "--socket", "/s", "--json"])
        #expect(GlobalOptions.movingSocketAfterSubcommand(["--socket=/s", "quarantine", "show", "3"]) == ["quarantine", "show", "--socket=/s", "3"])
        #expect(GlobalOptions.movingSocketAfterSubcommand(["--socket", "/s", "list"]) == ["list", "--socket", "/s"])
    }

    @Test("what became of a message, in one line")
    func outcomes() {
        #expect(IngestText.outcome(IngestAnswerDTO(outcome: "incident", incident: "INC-000012")) == "INC-000012")
        #expect(IngestText.outcome(IngestAnswerDTO(outcome: "duplicate", incident: "INC-000012")) == "INC-000012")
        #expect(IngestText.outcome(IngestAnswerDTO(outcome: "note", incident: "INC-000003")) == "note added to INC-000003")
        #expect(IngestText.outcome(IngestAnswerDTO(outcome: "command", incident: "INC-000003", command: "acknowledged")) == "INC-000003 acknowledged")
        #expect(IngestText.outcome(IngestAnswerDTO(outcome: "ignored", detail: "auto-submitted (Auto-Submitted: auto-replied)"))
            == "ignored: auto-submitted (Auto-Submitted: auto-replied)")
        #expect(IngestText.outcome(IngestAnswerDTO(outcome: "quarantined", detail: "MIME parts nest deeper than 10 levels"))
            == "quarantined: MIME parts nest deeper than 10 levels (see oncallctl quarantine list)")
        #expect(IngestAnswerDTO(fields: ["outcome": "note", "incident": "INC-000001", "refused": "r"]).refused == "r")
    }
}
