import Foundation
import OncallAPI
import OncallCore
import OncallTesting
import Testing


/// Two branches, three engineers, an in-warranty Shanghai site and an out-of-warranty Urumqi one.
private enum World {
    static let zone = TimeZone(secondsFromGMT: 8 * 3600)!
    static let calendar = try! WorkingCalendar(
        timeZone: zone, workingHours: WorkingCalendar.standard.workingHours, restDays: [.saturday, .sunday])
    static let shanghai = CustomerSite(id: "SH-WH-01", name: "上海仓储中心", region: RegionCode("310115")!, warrantyEnds: LocalDate(iso: "2099-12-31"))
    static let urumqi = CustomerSite(id: "XJ-URC-01", name: "乌鲁木齐营业部", region: RegionCode("650102")!, warrantyEnds: LocalDate(iso: "2020-12-31"))
    static let setup = DispatchSetup(
        branches: [
            BranchOffice(id: "bj-hq", name: "北京总部", regions: [RegionCode("11")!], isHeadquarters: true),
            BranchOffice(id: "sh", name: "上海分公司", regions: [RegionCode("31")!]),
        ],
        engineers: [
            FieldEngineer(person: "zhao.lei", branch: "sh"), FieldEngineer(person: "zhu.min", branch: "sh"),
            FieldEngineer(person: "zhou.qiang", branch: "bj-hq"),
        ],
        sites: [shanghai, urumqi], policy: DispatchPolicy(), regionNames: .builtIn, calendar: calendar)
    static let names = ["zhao.lei": "赵磊", "zhou.qiang": "周强"]
    static let now = at("2026-11-03 10:00")

    /// The first visit of incident `number` to `site`, dispatched at `now`.
    static func visit(_ number: Int64, to site: CustomerSite, now: Date = now) throws -> Visit {
        let decision = DispatchPlanner.choose(
            DispatchRequest(site: site, requestedAt: now), branches: setup.branches, engineers: setup.engineers,
            policy: setup.policy, calendar: calendar, now: now)
        return try Visit.dispatch(
            incident: IncidentNumber(number), decision: decision, policy: setup.policy, calendar: calendar, actor: "unix:pm", now: now)
    }
}

@Suite("Field dispatch request bodies")
struct DispatchRequestBodyTests {
    func decode<T: StrictDecodable>(_ type: T.Type, _ text: String) throws(APIRequestError) -> T {
        try StrictJSON.decode(type, from: Data(text.utf8))
    }

    func refusal<T: StrictDecodable>(_ type: T.Type, _ text: String) -> APIRequestError? {
        do {
            _ = try StrictJSON.decode(type, from: Data(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test("a site or a region, with an optional skill (trimmed; blank means none)")
    func targets() throws {
        let bySite = try decode(DispatchRequestBody.self, #"{"site":" SH-WH-01 ","skill":"network"}"#)
        #expect(bySite.target == .site("SH-WH-01") && bySite.skill == "network")
        let byRegion = try decode(DispatchRequestBody.self, #"{"region":"上海","skill":"  "}"#)
        #expect(byRegion.target == .region("上海") && byRegion.skill == nil)
        #expect(try decode(DispatchRequestBody.self, #"{"region":"65","site":null}"#).target == .region("65"))
    }

    @Test("exactly one of site and region; neither blank; no unknown keys; strings only", arguments: [
        (#"{}"#, 422, "missing_field", "site"),
        (#"{"skill":"network"}"#, 422, "missing_field", "site"),
        (#"{"site":"SH-WH-01","region":"31"}"#, 422, "invalid_field", "region"),
        (#"{"site":"  "}"#, 422, "invalid_field", "site"),
        (#"{"region":""}"#, 422, "invalid_field", "region"),
        (#"{"region":31}"#, 422, "invalid_field", "region"),
        (#"{"region":"31","engineer":"zhao.lei"}"#, 400, "unknown_field", "engineer"),
    ])
    func refused(body: String, status: Int, code: String, field: String) throws {
        let error = try #require(refusal(DispatchRequestBody.self, body), "\(body) should be refused")
        #expect(error.status == status && error.body.error.code == code && error.body.error.field == field, "\(body): \(error.body)")
    }

    @Test("an empty body is refused for want of a site or region")
    func emptyBody() throws {
        let error = try #require(refusal(DispatchRequestBody.self, ""))
        #expect(error.status == 422 && error.body.error.code == "missing_field")
    }

    @Test("the client's body encodes only what is given, and decodes back")
    func roundTrip() throws {
        let data = try APIDates.encoder.encode(DispatchRequestBody(site: "SH-WH-01"))
        #expect(String(decoding: data, as: UTF8.self) == #"{"site":"SH-WH-01"}"#)
        #expect(try StrictJSON.decode(DispatchRequestBody.self, from: data).target == .site("SH-WH-01"))
    }

    @Test("visit steps by name, each with its own field")
    func steps() throws {
        let empty = VisitStepBody()
        #expect(try empty.step(named: "accept") == .accept)
        #expect(try empty.step(named: "depart") == .depart)
        #expect(try empty.step(named: "arrive") == .arrive)
        #expect(try empty.step(named: "confirm-repair") == .confirmRepair)
        #expect(try VisitStepBody(summary: "换了网卡").step(named: "complete") == .complete(summary: "换了网卡"))
        #expect(try empty.step(named: "complete") == .complete(summary: nil))
        #expect(try VisitStepBody(reason: "在另一个现场").step(named: "decline") == .decline(reason: "在另一个现场"))
        #expect(try VisitStepBody(reason: "客户取消").step(named: "cancel") == .cancel(reason: "客户取消"))
        #expect(try VisitStepBody(note: "已电话联系").step(named: "callback") == .callBack(note: "已电话联系"))
        #expect(VisitStepBody.stepNames == ["accept", "depart", "arrive", "complete", "decline", "cancel", "callback", "confirm-repair"])
    }

    @Test("a field a step does not take, cancel without a reason, and an unknown step are refused", arguments: [
        (VisitStepBody(reason: "x"), "accept", 422, "invalid_field", "reason"),
        (VisitStepBody(summary: "x"), "decline", 422, "invalid_field", "summary"),
        (VisitStepBody(note: "x"), "complete", 422, "invalid_field", "note"),
        (VisitStepBody(), "cancel", 422, "missing_field", "reason"),
        (VisitStepBody(reason: "  "), "cancel", 422, "missing_field", "reason"),
        (VisitStepBody(), "teleport", 404, "not_found", nil),
        (VisitStepBody(), "Accept", 404, "not_found", nil),
    ] as [(VisitStepBody, String, Int, String, String?)])
    func stepRefused(body: VisitStepBody, name: String, status: Int, code: String, field: String?) throws {
        let error = try #require(throws: APIRequestError.self) { try body.step(named: name) }
        #expect(error.status == status && error.body.error.code == code && error.body.error.field == field, "\(name): \(error.body)")
    }

    @Test("step bodies: note, reason and summary only")
    func stepBodyDecoding() throws {
        #expect(try decode(VisitStepBody.self, "") == VisitStepBody())
        #expect(try decode(VisitStepBody.self, #"{"reason":"忙"}"#) == VisitStepBody(reason: "忙"))
        #expect(refusal(VisitStepBody.self, #"{"text":"x"}"#)?.body.error.code == "unknown_field")
        #expect(refusal(VisitStepBody.self, #"{"note":5}"#)?.body.error.field == "note")
    }

    @Test("an error body carries the explanation only when there is one")
    func errorExplanation() throws {
        let plain = try APIDates.encoder.encode(APIErrorBody(code: "conflict", message: "m"))
        #expect(String(decoding: plain, as: UTF8.self) == #"{"error":{"code":"conflict","message":"m"}}"#)
        let explained = APIErrorBody(code: "no_engineer", message: "m", explanation: ["nobody can be sent", "zhao.lei (sh): unavailable"])
        let decoded = try JSONDecoder().decode(APIErrorBody.self, from: try APIDates.encoder.encode(explained))
        #expect(decoded.error.explanation == ["nobody can be sent", "zhao.lei (sh): unavailable"])
        #expect(try JSONDecoder().decode(APIErrorBody.self, from: Data(#"{"error":{"code":"c","message":"m"}}"#.utf8)).error.explanation == nil)
    }
}

@Suite("Field visits on the wire")
struct VisitDTOTests {
    @Test("an in-warranty visit: names, snake_case keys, and accept, arrival and call-back deadlines as they stand")
    func inWarranty() throws {
        var visit = try World.visit(123, to: World.shanghai)
        visit = try visit.apply(.accept, actor: "unix:zhaolei", now: World.now.addingTimeInterval(60))
        let dto = VisitDTO(visit, setup: World.setup, names: World.names, now: World.now.addingTimeInterval(2 * 3600))
        #expect(dto.incident == "INC-000123" && dto.attempt == 1)
        #expect(dto.engineer == "zhao.lei" && dto.engineerName == "赵磊" && dto.branch == "sh" && dto.branchName == "上海分公司")
        #expect(dto.site == "SH-WH-01" && dto.siteName == "上海仓储中心" && dto.region == "310115")
        #expect(dto.sla == "covered" && dto.warranty == "in warranty until 2099-12-31" && !dto.chargeable)
        #expect(dto.state == "accepted" && dto.open)
        #expect(dto.events.map(\.kind) == ["dispatched", "accepted"] && dto.events[1].actor == "unix:zhaolei")
        // Two hours later: accepted in time; arrival (1 h) breached; call-back (4 working hours, 15:00) pending.
        #expect(dto.deadlines.map(\.kind) == ["accept", "arrival", "callback"])
        #expect(dto.deadline("accept") == .init(kind: "accept", dueAt: World.now.addingTimeInterval(600), status: "met", metAt: World.now.addingTimeInterval(60)))
        #expect(dto.deadline("arrival") == .init(kind: "arrival", dueAt: World.now.addingTimeInterval(3600), status: "breached"))
        #expect(dto.deadline("callback") == .init(kind: "callback", dueAt: at("2026-11-03 15:00"), status: "pending"))

        let json = try #require(try JSONSerialization.jsonObject(with: APIDates.encoder.encode(dto)) as? [String: Any])
        for key in ["incident", "attempt", "engineer", "engineer_name", "branch", "branch_name", "region", "site", "sla", "warranty",
                    "chargeable", "state", "requested_at", "dispatched_at", "accept_by", "arrive_by", "events", "deadlines"] {
            #expect(json[key] != nil, "missing \(key) in \(json.keys.sorted())")
        }
        let deadline = try #require((json["deadlines"] as? [[String: Any]])?.first)
        #expect(Set(deadline.keys) == ["kind", "due_at", "status", "met_at"], "\(deadline)")
        #expect(try APIDates.decoder.decode(VisitDTO.self, from: APIDates.encoder.encode(dto)) == dto)
    }

    @Test("an out-of-warranty visit is chargeable; the repair deadline appears once the customer confirms")
    func chargeable() throws {
        var visit = try World.visit(7, to: World.urumqi)
        let before = VisitDTO(visit, setup: World.setup, now: World.now)
        #expect(before.sla == "uncovered" && before.engineer == "zhou.qiang" && before.chargeable)
        #expect(before.engineerName == nil, "no names given")
        #expect(before.deadlines.map(\.kind) == ["accept", "arrival"])
        #expect(before.deadline("arrival")?.dueAt == World.now.addingTimeInterval(48 * 3600))
        visit = try visit.apply(.confirmRepair, now: World.now.addingTimeInterval(60))
        let after = VisitDTO(visit, setup: World.setup, now: World.now.addingTimeInterval(120))
        let repair = try #require(after.deadline("repair"))
        #expect(repair.status == "pending" && repair.notBefore != nil && repair.notBefore! < repair.dueAt)
        #expect(after.customerConfirmedAt == World.now.addingTimeInterval(60))
    }

    @Test("a declined visit's deadlines are void; without the configuration only accept and arrival are shown")
    func declinedAndUnconfigured() throws {
        let visit = try World.visit(9, to: World.shanghai).apply(.decline(reason: "忙"), now: World.now.addingTimeInterval(30))
        let dto = VisitDTO(visit, setup: World.setup, now: World.now.addingTimeInterval(5 * 3600))
        #expect(dto.state == "declined" && !dto.open)
        #expect(dto.deadlines.allSatisfy { $0.status == "void" }, "\(dto.deadlines)")
        let bare = VisitDTO(try World.visit(9, to: World.shanghai), setup: nil, now: World.now)
        #expect(bare.deadlines.map(\.kind) == ["accept", "arrival"] && bare.branchName == nil && bare.siteName == nil)
    }

    @Test("the dispatch answer carries the decision's explanation and fallback")
    func answer() throws {
        let decision = DispatchPlanner.choose(
            DispatchRequest(site: World.urumqi, requestedAt: World.now), branches: World.setup.branches,
            engineers: World.setup.engineers, policy: World.setup.policy, calendar: World.calendar, now: World.now)
        let visit = try Visit.dispatch(
            incident: IncidentNumber(7), decision: decision, policy: World.setup.policy, calendar: World.calendar, actor: "unix:pm", now: World.now)
        let answer = DispatchAnswerDTO(VisitDTO(visit, setup: World.setup, names: World.names, now: World.now), decision: decision)
        #expect(answer.engineer == "zhou.qiang" && answer.engineerName == "周强" && answer.branch == "bj-hq" && answer.branchName == "北京总部")
        #expect(answer.sla == "uncovered" && answer.fallback == "no branch covers 650102")
        #expect(answer.explanation == decision.explanation && answer.explanation.count == 4)
        let json = try #require(try JSONSerialization.jsonObject(with: APIDates.encoder.encode(answer)) as? [String: Any])
        #expect(json["arrive_by"] is String && json["engineer"] as? String == "zhou.qiang" && json["visit"] is [String: Any])
    }
}

@Suite("Monthly dispatch report")
struct DispatchReportTests {
    @Test("months are counted in the calendar's time zone", arguments: [
        ("2026-11", "2026-10-31T16:00:00Z", "2026-11-30T16:00:00Z"),
        ("2026-12", "2026-11-30T16:00:00Z", "2026-12-31T16:00:00Z"),
        ("2024-02", "2024-01-31T16:00:00Z", "2024-02-29T16:00:00Z"),
    ])
    func interval(month: String, from: String, to: String) throws {
        let range = try #require(DispatchReportDTO.interval(of: month, timeZone: World.zone))
        #expect(range.from == APIDates.parse(from) && range.to == APIDates.parse(to))
    }

    @Test("bad months", arguments: ["2026-13", "2026-00", "2026-1", "26-11", "2026/11", "2026-11-01", "", "abcd-ef", "1969-12"])
    func badMonth(month: String) {
        #expect(DispatchReportDTO.interval(of: month, timeZone: World.zone) == nil)
    }

    @Test("the month an instant falls in depends on the zone")
    func monthOf() throws {
        let instant = try #require(APIDates.parse("2026-11-30T17:00:00Z"))
        #expect(DispatchReportDTO.month(of: instant, timeZone: World.zone) == "2026-12")
        #expect(DispatchReportDTO.month(of: instant, timeZone: TimeZone(identifier: "UTC")!) == "2026-11")
    }

    @Test("per branch: visits of the month, deadlines met, breached and pending; void ones and other months not counted")
    func counts() throws {
        let (from, to) = try #require(DispatchReportDTO.interval(of: "2026-11", timeZone: World.zone))
        // sh: accepted in time and arrived late; declined (void); hq: untouched, accept breached, arrival pending.
        let late = try World.visit(1, to: World.shanghai)
            .apply(.accept, now: World.now.addingTimeInterval(60)).apply(.depart, now: World.now.addingTimeInterval(120))
            .apply(.arrive, now: World.now.addingTimeInterval(2 * 3600))
        let declined = try World.visit(2, to: World.shanghai).apply(.decline(reason: nil), now: World.now.addingTimeInterval(30))
        let hq = try World.visit(3, to: World.urumqi)
        let october = try World.visit(4, to: World.shanghai, now: at("2026-10-31 23:59"))
        let report = DispatchReportDTO(
            month: "2026-11", timeZone: World.zone, from: from, to: to, visits: [late, declined, hq, october], setup: World.setup,
            now: World.now.addingTimeInterval(3 * 3600))
        #expect(report.branches.map(\.branch) == ["bj-hq", "sh"], "configured order")
        let sh = try #require(report.branches.first { $0.branch == "sh" })
        #expect(sh.name == "上海分公司" && sh.visits == 2)
        #expect(sh.deadlines["accept"] == .init(met: 1, breached: 0, pending: 0))
        #expect(sh.deadlines["arrival"] == .init(met: 0, breached: 1, pending: 0))
        // Met by the engineer on site (12:00, before 15:00).
        #expect(sh.deadlines["callback"] == .init(met: 1, breached: 0, pending: 0))
        #expect(sh.deadlines["repair"] == .init())
        let bj = try #require(report.branches.first { $0.branch == "bj-hq" })
        #expect(bj.visits == 1 && bj.deadlines["accept"] == .init(breached: 1) && bj.deadlines["arrival"] == .init(pending: 1))

        // A branch no longer configured still shows; without the configuration only visits' branches are listed.
        let bare = DispatchReportDTO(month: "2026-11", timeZone: World.zone, from: from, to: to, visits: [hq], setup: nil, now: World.now)
        #expect(bare.branches.map(\.branch) == ["bj-hq"] && bare.branches[0].name == nil)
        #expect(Set(bare.branches[0].deadlines.keys) == ["accept", "arrival", "callback", "repair"])
        #expect(try APIDates.decoder.decode(DispatchReportDTO.self, from: APIDates.encoder.encode(report)) == report)
    }
}
