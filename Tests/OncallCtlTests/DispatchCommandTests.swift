import ArgumentParser
import Foundation
import OncallAPI
import OncallCore
import Testing

@testable import oncallctl

@Suite("dispatch, visit and dispatches: parsing")
struct DispatchCommandParsingTests {
    func parse<T: ParsableCommand>(_ type: T.Type, _ arguments: [String]) throws -> T {
        try #require(try OncallCtl.parseAsRoot(arguments) as? T)
    }

    func exitStatus(_ arguments: [String]) -> Int32? {
        do {
            _ = try OncallCtl.parseAsRoot(arguments)
            return nil
        } catch {
            return OncallCtl.exitCode(for: error).rawValue
        }
    }

    @Test("dispatch: a site or a region, a skill, --explain and --json")
    func dispatch() throws {
        let bySite = try parse(DispatchCommand.self, ["dispatch", "INC-000123", "--site", "SH-WH-01", "--explain", "--socket", "/tmp/s"])
        #expect(bySite.id == IncidentNumber(123) && bySite.site == "SH-WH-01" && bySite.region == nil && bySite.explain && !bySite.json)
        #expect(bySite.global.socketPath == "/tmp/s")
        let byRegion = try parse(DispatchCommand.self, ["dispatch", "7", "--region", "上海", "--skill", "network", "--json"])
        #expect(byRegion.region == "上海" && byRegion.skill == "network" && byRegion.json && !byRegion.explain)
    }

    @Test("visit: every step, with its option")
    func visit() throws {
        for step in VisitStepBody.stepNames where step != "cancel" {
            #expect(try parse(VisitCommand.self, ["visit", "1", step]).step.name == step)
        }
        let cancel = try parse(VisitCommand.self, ["visit", "inc-5", "cancel", "--reason", "客户取消"])
        #expect(cancel.id == IncidentNumber(5) && cancel.body == VisitStepBody(reason: "客户取消"))
        #expect(try parse(VisitCommand.self, ["visit", "1", "complete", "--summary", "换了网卡", "--json"]).body == VisitStepBody(summary: "换了网卡"))
        #expect(try parse(VisitCommand.self, ["visit", "1", "callback", "--note", "已联系"]).body == VisitStepBody(note: "已联系"))
        #expect(try parse(VisitCommand.self, ["visit", "1", "DECLINE"]).step.name == "decline")
    }

    @Test("dispatches: filters, or the report for a month")
    func dispatches() throws {
        let list = try parse(Dispatches.self, ["dispatches", "--open", "--branch", "sh", "--since", "-1d", "--limit", "20"])
        #expect(list.open && list.branch == "sh" && list.since == .ago(.seconds(86_400)) && list.limit == 20 && !list.report)
        let report = try parse(Dispatches.self, ["dispatches", "--report", "--month", "2026-11", "--json"])
        #expect(report.report && report.month == "2026-11" && report.json)
        #expect(try parse(Dispatches.self, ["dispatches", "--report", "--branch", "gz"]).branch == "gz")
    }

    @Test("usage errors exit 64", arguments: [
        ["dispatch", "1"], ["dispatch", "1", "--site", "A", "--region", "31"], ["dispatch", "1", "--site", " "],
        ["dispatch", "1", "--region", ""], ["dispatch", "1", "--region", "31", "--skill", " "], ["dispatch", "X", "--site", "A"],
        ["visit", "1"], ["visit", "1", "fly"], ["visit", "1", "cancel"], ["visit", "1", "cancel", "--reason", " "],
        ["visit", "1", "accept", "--reason", "x"], ["visit", "1", "decline", "--summary", "x"], ["visit", "1", "complete", "--note", "x"],
        ["dispatches", "--month", "2026-11"], ["dispatches", "--report", "--month", "2026-13"], ["dispatches", "--report", "--month", "11"],
        ["dispatches", "--report", "--open"], ["dispatches", "--report", "--since", "-1d"], ["dispatches", "--limit", "0"],
        ["dispatches", "--limit", "1001"], ["dispatches", "--since", "soon"], ["dispatches", "--branch", ""],
    ])
    func usage(_ arguments: [String]) {
        #expect(exitStatus(arguments) == 64, "\(arguments)")
    }

    @Test("a field a step does not take is named as its option")
    func optionNames() throws {
        var command = try parse(VisitCommand.self, ["visit", "1", "accept"])
        command.reason = "x"
        #expect(throws: ValidationError.self) { try command.validate() }
        do {
            try command.validate()
        } catch {
            #expect("\(error)".contains("--reason does not apply to accept"), "\(error)")
        }
    }
}

@Suite("dispatch, visit and dispatches: text")
struct DispatchTextTests {
    let utc = TimeZone(identifier: "UTC")!
    let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    /// A visit dispatched at 2026-11-25T01:05:00Z (09:05 in Shanghai), due on site an hour later.
    static func visit(
        attempt: Int = 1, state: String = "dispatched", engineer: String = "zhao.lei", engineerName: String? = "赵磊",
        branchName: String? = "上海分公司", sla: String = "covered", promise: TimeInterval = 3600,
        deadlines: [VisitDTO.Deadline] = []
    ) -> VisitDTO {
        let requested = APIDates.parse("2026-11-25T01:05:00Z")!
        let dispatched = requested.addingTimeInterval(Double(attempt - 1) * 60)
        var fields: [String: Any] = [
            "incident": "INC-000123", "attempt": attempt, "engineer": engineer, "branch": "sh", "region": "310115",
            "site": "SH-WH-01", "sla": sla, "warranty": "in warranty until 2099-12-31", "chargeable": false, "state": state,
            "open": ["dispatched", "accepted", "en_route", "on_site"].contains(state),
            "requested_at": APIDates.format(requested), "dispatched_at": APIDates.format(dispatched),
            "accept_by": APIDates.format(dispatched.addingTimeInterval(600)),
            "arrive_by": APIDates.format(requested.addingTimeInterval(promise)), "events": [], "deadlines": [],
        ]
        if let engineerName { fields["engineer_name"] = engineerName }
        if let branchName { fields["branch_name"] = branchName }
        var visit = try! APIDates.decoder.decode(VisitDTO.self, from: JSONSerialization.data(withJSONObject: fields))
        visit.deadlines = deadlines
        return visit
    }

    @Test("the dispatch confirmation: names, local arrival time, promise")
    func dispatched() {
        let visit = Self.visit()
        let answer = DispatchAnswerDTO(
            visit: visit, engineer: "zhao.lei", engineerName: "赵磊", branch: "sh", branchName: "上海分公司",
            arriveBy: visit.arriveBy, sla: "covered", fallback: nil, explanation: ["summary", "zhao.lei (sh): chosen — …"])
        #expect(DispatchText.dispatched(answer, timeZone: shanghai)
            == "INC-000123 dispatched 赵磊 (zhao.lei) of 上海分公司 (sh); arrive by 2026-11-25 10:05 (1h, covered)")
        var bare = answer
        bare.engineerName = nil
        bare.branchName = nil
        #expect(DispatchText.dispatched(bare, timeZone: utc) == "INC-000123 dispatched zhao.lei of sh; arrive by 2026-11-25 02:05 (1h, covered)")
        #expect(DispatchText.explanation(answer.explanation) == ["summary", "  zhao.lei (sh): chosen — …"])
    }

    @Test("step confirmations, and a decline that re-dispatched or found nobody")
    func steps() {
        #expect(DispatchText.stepConfirmation("accept", Self.visit(state: "accepted"), timeZone: shanghai)
            == "INC-000123 visit 1: accepted (state: accepted; 赵磊 (zhao.lei) of 上海分公司 (sh))")
        let pending = [VisitDTO.Deadline(kind: "arrival", dueAt: Date(), status: "pending")]
        #expect(DispatchText.stepConfirmation("depart", Self.visit(state: "en_route", deadlines: pending), timeZone: shanghai)
            == "INC-000123 visit 1: on the way (state: en_route; 赵磊 (zhao.lei) of 上海分公司 (sh); arrive by 2026-11-25 10:05 (1h, covered))")
        let again = Self.visit(attempt: 2, engineer: "zhu.min", engineerName: "朱敏")
        #expect(DispatchText.stepConfirmation("decline", again, timeZone: shanghai)
            == "INC-000123 visit 1: declined; re-dispatched as visit 2 to 朱敏 (zhu.min) of 上海分公司 (sh); arrive by 2026-11-25 10:05 (1h, covered)")
        #expect(DispatchText.stepConfirmation("decline", Self.visit(state: "declined"), timeZone: shanghai)
            == "INC-000123 visit 1: declined; nobody else is available to send (the breach is on the timeline)")
    }

    @Test("the listing table, with breached deadlines in the SLA column")
    func table() {
        let breached = [
            VisitDTO.Deadline(kind: "accept", dueAt: Date(), status: "breached"),
            VisitDTO.Deadline(kind: "arrival", dueAt: Date(), status: "pending"),
        ]
        let lines = DispatchText.table(
            [Self.visit(deadlines: breached), Self.visit(attempt: 2, state: "completed", engineer: "zhou.qiang", engineerName: nil,
                                                         sla: "uncovered", promise: 48 * 3600)],
            timeZone: shanghai)
        #expect(lines == [
            "INCIDENT    ATTEMPT  ENGINEER         BRANCH  STATE       DISPATCHED        ARRIVE BY         SLA",
            "INC-000123  1        赵磊 (zhao.lei)  sh      dispatched  2026-11-25 09:05  2026-11-25 10:05  covered; breached: accept",
            "INC-000123  2        zhou.qiang       sh      completed   2026-11-25 09:06  2026-11-27 09:05  uncovered",
        ], "\(lines.joined(separator: "\n"))")
    }

    @Test("the report: met/breached per deadline, pending noted, a total row")
    func report() {
        let sh = DispatchReportDTO.Branch(branch: "sh", name: "上海分公司", visits: 3, deadlines: [
            "accept": .init(met: 2, breached: 1), "arrival": .init(met: 1, breached: 1, pending: 1),
        ])
        let hq = DispatchReportDTO.Branch(branch: "bj-hq", name: nil, visits: 1, deadlines: ["accept": .init(breached: 1)])
        let report = DispatchReportDTO(
            month: "2026-11", timeZone: "Asia/Shanghai", from: Date(), to: Date(), at: Date(), branches: [hq, sh])
        #expect(DispatchText.report(report, branches: report.branches) == [
            "Field visits dispatched in 2026-11 (Asia/Shanghai); deadlines met/breached:",
            "BRANCH           VISITS  ACCEPT  ARRIVAL         CALLBACK  REPAIR",
            "bj-hq            1       0/1     0/0             0/0       0/0",
            "上海分公司 (sh)  3       2/1     1/1 +1 pending  0/0       0/0",
            "TOTAL            4       2/2     1/1 +1 pending  0/0       0/0",
        ])
    }
}
