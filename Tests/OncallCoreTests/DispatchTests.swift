import Foundation
import OncallTesting
import Testing

@testable import OncallCore

// Fixed instants, written as wall-clock text at UTC+8 and built without the code under test.
// 2026 days used: 03-13 Fri, 03-16 Mon; 09-29 Tue, 09-30 Wed, 10-01…10-07 National Day,
// 10-08 Thu, 10-09 Fri, 10-10 Sat (make-up working day), 10-12 Mon, 10-14 Wed;
// 11-02 Mon, 11-03 Tue, 11-05 Thu, 11-11 Wed.


private func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }
private func code(_ text: String) -> RegionCode { RegionCode(text)! }
private func hours(_ n: Int) -> Duration { .seconds(n * 3600) }

/// Branches, engineers and calendar shared by the tests.
private enum Fixture {
    /// The standard week with National Day 2026 (10-01…10-07) and the 10-10 make-up day.
    static let calendar: WorkingCalendar = {
        let holidays = Set((0..<7).map { day("2026-10-01").adding(days: $0) })
        return try! WorkingCalendar(
            timeZone: TimeZone(secondsFromGMT: 8 * 3600)!, workingHours: WorkingCalendar.standard.workingHours,
            restDays: [.saturday, .sunday], holidays: holidays, makeupDays: [day("2026-10-10")])
    }()

    static let policy = DispatchPolicy()

    /// Beijing headquarters; Shanghai (province) and Pudong (county) overlap; Guangdong
    /// (province) and Guangzhou (city) overlap; nobody covers Xinjiang (65).
    static let branches = [
        BranchOffice(id: "bj-hq", name: "北京总部", regions: [code("11")], isHeadquarters: true),
        BranchOffice(id: "sh", name: "上海分公司", regions: [code("31")]),
        BranchOffice(id: "sh-pd", name: "浦东办事处", regions: [code("310115")]),
        BranchOffice(id: "gd", name: "广东分公司", regions: [code("44")]),
        BranchOffice(id: "gz", name: "广州办事处", regions: [code("4401")]),
    ]

    static let engineers = [
        FieldEngineer(person: "zhou.qiang", branch: "bj-hq", skills: ["network", "server"]),
        FieldEngineer(person: "zhao.lei", branch: "sh", skills: ["network", "server"]),
        FieldEngineer(person: "qian.hao", branch: "sh", skills: ["server"]),
        FieldEngineer(person: "wu.min", branch: "sh-pd", skills: ["Network"]),
        FieldEngineer(person: "li.ming", branch: "gd", skills: ["server"]),
        FieldEngineer(person: "sun.li", branch: "gz", skills: ["network"]),
    ]

    /// Tuesday 10:00, inside working hours.
    static let now = at("2026-11-03 10:00")

    static func choose(
        _ region: String, skill: String? = nil, excluding: Set<String> = [],
        workload: EngineerWorkload = EngineerWorkload(), engineers: [FieldEngineer] = engineers,
        branches: [BranchOffice] = branches, policy: DispatchPolicy = policy, now: Date = now
    ) -> DispatchDecision {
        DispatchPlanner.choose(
            DispatchRequest(region: code(region), skill: skill, requestedAt: now, excluding: excluding),
            branches: branches, engineers: engineers, workload: workload, policy: policy, calendar: calendar, now: now)
    }
}

@Suite("Field dispatch")
struct DispatchTests {

    // MARK: - Region codes and names

    @Test(arguments: [
        ("31", "31", RegionLevel.province), ("11", "11", .province), ("65", "65", .province),
        ("4401", "4401", .city), ("440106", "440106", .county), (" 310115 ", "310115", .county),
        // The official six-digit forms of a province and a city.
        ("310000", "31", .province), ("440100", "4401", .city), ("3100", "31", .province),
    ])
    func regionCodeParses(text: String, digits: String, level: RegionLevel) throws {
        let parsed = try #require(RegionCode(text))
        #expect(parsed.digits == digits)
        #expect(parsed.level == level)
        #expect(parsed.specificity == digits.count)
    }

    @Test(arguments: ["", "3", "311", "3101156", "99", "00", "990000", "31a", "上海", "-31", "４４", "31 01"])
    func regionCodeRejects(text: String) {
        #expect(RegionCode(text) == nil)
        #expect(throws: DispatchError.self) { try RegionCode(validating: text) }
    }

    @Test func regionCodeErrorsSayWhy() {
        #expect(throws: DispatchError.invalidRegion(
            "3101156", reason: "has 7 digits; a region code has 2 (province), 4 (city) or 6 (county)")) {
            try RegionCode(validating: "3101156")
        }
        #expect(throws: DispatchError.invalidRegion("99", reason: "99 is not a province code (11 Beijing … 82 Macao)")) {
            try RegionCode(validating: "99")
        }
    }

    @Test(arguments: [
        ("31", "310115", true), ("31", "31", true), ("31", "3101", true), ("4401", "440106", true),
        ("44", "440106", true), ("4401", "4402", false), ("440106", "4401", false), ("31", "11", false),
        ("310115", "310115", true), ("310115", "310104", false),
    ])
    func regionCoverageIsByPrefix(branch: String, site: String, covers: Bool) {
        #expect(code(branch).covers(code(site)) == covers)
    }

    @Test func regionParentAndProvince() {
        #expect(code("440106").parent == code("4401"))
        #expect(code("4401").parent == code("44"))
        #expect(code("44").parent == nil)
        #expect(code("440106").province == code("44"))
    }

    @Test(arguments: [
        ("上海", "31"), ("上海市", "31"), ("Shanghai", "31"), ("SHANGHAI", "31"), (" shang hai ", "31"),
        ("新疆", "65"), ("新疆维吾尔自治区", "65"), ("Xinjiang", "65"), ("北京", "11"), ("beijing", "11"),
        ("Inner Mongolia", "15"), ("inner-mongolia", "15"), ("内蒙古", "15"), ("陕西", "61"), ("Shaanxi", "61"),
        ("山西", "14"), ("shanxi", "14"), ("Hong Kong", "81"), ("澳门", "82"), ("Macao", "82"), ("广东省", "44"),
    ])
    func builtInRegionNames(name: String, digits: String) {
        #expect(RegionNames.builtIn.code(named: name)?.digits == digits)
        #expect(RegionNames.builtIn.resolve(name)?.digits == digits)
    }

    @Test func thirtyFourProvincesEachWithNames() {
        #expect(Provinces.all.count == 34)
        #expect(Provinces.codes.count == 34)
        let names = Provinces.all.flatMap { [$0.fullName] + $0.otherNames }.map(RegionNames.normalized)
        #expect(Set(names).count == names.count, "no name stands for two provinces")
    }

    @Test func configuredRegionNames() {
        let names = RegionNames(extra: ["广州": code("4401"), "浦东新区": code("310115")])
        #expect(names.code(named: "广州") == code("4401"))
        #expect(names.resolve("浦东新区") == code("310115"))
        #expect(names.resolve("440106") == code("440106"))
        #expect(names.resolve("上海") == code("31"))
        #expect(names.resolve("Atlantis") == nil)
        #expect(RegionNames.builtIn.resolve("广州") == nil)
        #expect(names.name(of: code("31")) == "上海市")
        #expect(names.name(of: code("4401")) == "广州")
        #expect(names.name(of: code("440106")) == nil)
    }

    // MARK: - Coverage matching

    @Test(arguments: [
        // Pudong: the county branch beats the province branch.
        ("310115", "sh-pd", "wu.min", DispatchSLAKind.covered, 1),
        // Xuhui: only the province branch covers it.
        ("310104", "sh", "qian.hao", .covered, 1),
        // Tianhe, Guangzhou: the city branch beats the province branch.
        ("440106", "gz", "sun.li", .covered, 1),
        // Shenzhen: only the Guangdong branch covers it.
        ("440306", "gd", "li.ming", .covered, 1),
        // Beijing: headquarters covers it, so it is a covered dispatch.
        ("110105", "bj-hq", "zhou.qiang", .covered, 1),
        // Urumqi: nobody covers Xinjiang; headquarters with 48 hours.
        ("650102", "bj-hq", "zhou.qiang", .uncovered, 48),
    ])
    func mostSpecificCoveringBranchWins(
        region: String, branch: String, engineer: String, sla: DispatchSLAKind, arrivalHours: Int
    ) {
        let decision = Fixture.choose(region)
        #expect(decision.branch == branch)
        #expect(decision.engineer == engineer)
        #expect(decision.slaKind == sla)
        #expect(decision.arriveBy == Fixture.now.adding(hours(arrivalHours)))
        #expect(decision.fallbackReason == (sla == .uncovered ? .noCoveringBranch(code(region)) : nil))
    }

    @Test func coveringBranchesAreOrderedBySpecificityThenID() {
        #expect(Fixture.choose("310115").coveringBranches == ["sh-pd", "sh"])
        #expect(Fixture.choose("440106").coveringBranches == ["gz", "gd"])
        #expect(Fixture.choose("650102").coveringBranches == [])
        // Two branches covering the very same code: the lower id is tried first.
        let twins = [
            BranchOffice(id: "sh-b", name: "B", regions: [code("31")]),
            BranchOffice(id: "sh-a", name: "A", regions: [code("31"), code("3101")]),
        ]
        let engineers = [FieldEngineer(person: "a1", branch: "sh-a"), FieldEngineer(person: "b1", branch: "sh-b")]
        #expect(Fixture.choose("310115", engineers: engineers, branches: twins).coveringBranches == ["sh-a", "sh-b"])
        // But a branch's more specific region puts it ahead whatever its id.
        #expect(Fixture.choose("310104", engineers: engineers, branches: twins).engineer == "a1")
        let reversed = [twins[0], BranchOffice(id: "sh-a", name: "A", regions: [code("31")])]
        #expect(Fixture.choose("310104", engineers: engineers, branches: reversed).engineer == "a1")
    }

    @Test func configuredFallbackBranchReplacesHeadquarters() {
        var policy = Fixture.policy
        policy.fallbackBranch = "sh"
        let decision = Fixture.choose("650102", policy: policy)
        #expect(decision.branch == "sh")
        #expect(decision.slaKind == .uncovered)
        #expect(decision.fallbackBranch == "sh")
    }

    // MARK: - Availability

    @Test func nobodyAvailableFallsThroughBranchesThenFallbackThenNone() {
        let calendar = Fixture.calendar
        // Pudong: wu.min busy → the Shanghai branch.
        var workload = EngineerWorkload(openDispatches: ["wu.min": IncidentNumber(42)])
        var decision = Fixture.choose("310115", workload: workload)
        #expect(decision.branch == "sh")
        #expect(decision.slaKind == .covered)
        #expect(decision.fallbackReason == nil)

        // Shanghai: one busy, one on leave, one off shift → headquarters under the 48-hour promise.
        workload.openDispatches["zhao.lei"] = IncidentNumber(43)
        var engineers = Fixture.engineers
        engineers[2].leave = [day("2026-11-01")...day("2026-11-03")]
        engineers.append(FieldEngineer(person: "ma.li", branch: "sh", shift: .workingHours))
        let evening = at("2026-11-03 20:00")
        #expect(!calendar.isWorkingTime(evening))
        decision = Fixture.choose("310115", workload: workload, engineers: engineers, now: evening)
        #expect(decision.branch == "bj-hq")
        #expect(decision.engineer == "zhou.qiang")
        #expect(decision.slaKind == .uncovered)
        #expect(decision.arriveBy == evening.adding(hours(48)))
        #expect(decision.fallbackReason == .coveringBranchesUnavailable(["sh-pd", "sh"]))

        // Headquarters busy too → nobody; the 48-hour promise still stands.
        workload.openDispatches["zhou.qiang"] = IncidentNumber(44)
        decision = Fixture.choose("310115", workload: workload, engineers: engineers, now: evening)
        #expect(decision.engineer == nil)
        #expect(decision.branch == nil)
        #expect(decision.slaKind == .uncovered)
        #expect(decision.arriveBy == evening.adding(hours(48)))
        #expect(decision.candidates.allSatisfy { $0.outcome != .chosen })
        #expect(decision.summary == "nobody can be sent: nobody is available in the covering branches (sh-pd, sh), and fallback branch bj-hq has nobody available; the promise is still to arrive within 48h")
        #expect(throws: DispatchError.noEngineerChosen(code("310115"))) {
            try Visit.dispatch(incident: IncidentNumber(1), decision: decision, policy: Fixture.policy,
                               calendar: calendar, actor: "unix:pm", now: evening)
        }
    }

    @Test func headquartersCoveringTheRegionIsNotTriedTwice() {
        let workload = EngineerWorkload(openDispatches: ["zhou.qiang": IncidentNumber(9)])
        let decision = Fixture.choose("110105", workload: workload)
        #expect(decision.engineer == nil)
        #expect(decision.fallbackReason == .coveringBranchesUnavailable(["bj-hq"]))
        #expect(decision.candidates.filter { $0.person == "zhou.qiang" }.count == 1)
        #expect(decision.summary.hasPrefix(
            "nobody can be sent: nobody is available in the covering branches (bj-hq) (the fallback branch bj-hq is one of them)"))
    }

    @Test func noFallbackDefinedMeansNobodyForUncoveredRegions() {
        let branches = Fixture.branches.map { branch in
            var branch = branch
            branch.isHeadquarters = false
            return branch
        }
        let decision = Fixture.choose("650102", branches: branches)
        #expect(decision.engineer == nil)
        #expect(decision.fallbackBranch == nil)
        #expect(decision.summary
            == "nobody can be sent: no branch covers 650102, and no fallback branch is defined; the promise is still to arrive within 48h")
    }

    @Test(arguments: [
        // (skill, region, expected engineer)
        ("network", "310104", "zhao.lei"),  // qian.hao lacks it
        ("server", "310115", "qian.hao"),   // wu.min lacks it, so Shanghai; qian.hao sorts first
        ("NETWORK", "310115", "wu.min"),    // skills compare without case
        ("network", "440306", "zhou.qiang"), // li.ming lacks it: fallback
        ("database", "440106", nil),        // nobody anywhere has it
    ] as [(String, String, String?)])
    func skillFiltering(skill: String, region: String, engineer: String?) {
        let decision = Fixture.choose(region, skill: skill)
        #expect(decision.engineer == engineer)
        if engineer == nil {
            #expect(decision.candidates.allSatisfy { $0.outcome != .unavailable || $0.reasons.contains(.lacksSkill(skill)) })
        }
    }

    @Test func leastLoadedIsChosenAndTheExplanationSaysSo() throws {
        let workload = EngineerWorkload(recentDispatches: ["zhao.lei": 1, "qian.hao": 3])
        let decision = Fixture.choose("310104", workload: workload)
        #expect(decision.engineer == "zhao.lei")
        let chosen = try #require(decision.chosen)
        #expect(chosen.reasons.contains(.lessLoaded(than: "qian.hao", load: 3)))
        let other = try #require(decision.candidates.first { $0.person == "qian.hao" })
        #expect(other.outcome == .standby)
        #expect(other.reasons.last == .moreLoaded(than: "zhao.lei", load: 1))
    }

    @Test func tiesGoToTheEarlierIDWhateverTheInputOrder() throws {
        let workload = EngineerWorkload(recentDispatches: ["zhao.lei": 2, "qian.hao": 2])
        let decision = Fixture.choose("310104", workload: workload)
        #expect(decision.engineer == "qian.hao")
        #expect(try #require(decision.chosen).reasons.last == .tieWonByID(over: "zhao.lei"))
        #expect(decision.candidates.first { $0.person == "zhao.lei" }?.reasons.last == .tieLostByID(to: "qian.hao"))
        // The same decision from shuffled inputs.
        for seed in 0..<5 {
            let rotatedEngineers = Array(Fixture.engineers[seed...] + Fixture.engineers[..<seed])
            let rotatedBranches = Array(Fixture.branches.reversed()[seed...] + Fixture.branches.reversed()[..<seed])
            let again = Fixture.choose("310104", workload: workload, engineers: rotatedEngineers, branches: rotatedBranches)
            #expect(again == decision)
        }
    }

    @Test func explanationAccountsForEveryEngineer() {
        let engineers = [
            FieldEngineer(person: "zhou.qiang", branch: "bj-hq", skills: ["network"]),
            FieldEngineer(person: "zhao.lei", branch: "sh", skills: ["network", "server"]),
            FieldEngineer(person: "qian.hao", branch: "sh", skills: ["server"]),
            FieldEngineer(person: "feng.yu", branch: "sh", skills: ["network"],
                          leave: [day("2026-11-02")...day("2026-11-03"), day("2026-11-04")...day("2026-11-04")]),
            FieldEngineer(person: "he.jun", branch: "sh", skills: ["network"]),
            FieldEngineer(person: "ma.li", branch: "sh", skills: ["network"], shift: .workingHours),
            FieldEngineer(person: "sun.li", branch: "gz", skills: ["network"]),
            FieldEngineer(person: "lost.one", branch: "xa", skills: ["network"]),
        ]
        let workload = EngineerWorkload(openDispatches: ["he.jun": IncidentNumber(42)], recentDispatches: ["zhao.lei": 2])
        let decision = Fixture.choose(
            "310104", skill: "network", workload: workload, engineers: engineers, now: at("2026-11-03 20:00"))
        let covers = "branch sh covers 31 (province), which includes 310104"
        #expect(decision.explanation == [
            "zhao.lei of branch sh: \(covers); arrive within 1h",
            "zhao.lei (sh): chosen — \(covers); 2 dispatches in the last 30 days",
            "feng.yu (sh): unavailable — \(covers); on leave until 2026-11-04",
            "he.jun (sh): unavailable — \(covers); on an open dispatch INC-000042",
            "ma.li (sh): unavailable — \(covers); off shift (working hours)",
            "qian.hao (sh): unavailable — \(covers); lacks skill 'network'",
            "zhou.qiang (bj-hq): not_considered — branch bj-hq is the fallback, not needed: a covering branch had someone",
            "sun.li (gz): not_considered — branch gz does not cover 310104 and is not the fallback",
            "lost.one (xa): not_considered — branch xa is not defined",
        ])
    }

    @Test func fallbackExplanation() {
        let decision = Fixture.choose("650102", workload: EngineerWorkload(recentDispatches: ["zhou.qiang": 1]))
        #expect(decision.explanation.prefix(2) == [
            "zhou.qiang of fallback branch bj-hq: no branch covers 650102; arrive within 48h",
            "zhou.qiang (bj-hq): chosen — branch bj-hq is the fallback: no branch covers 650102; 1 dispatch in the last 30 days",
        ])
    }

    @Test func everyUnavailabilityReasonIsListed() throws {
        let engineer = FieldEngineer(
            person: "x", branch: "sh", skills: [], shift: .workingHours, leave: [day("2026-11-03")...day("2026-11-03")])
        let decision = Fixture.choose(
            "31", skill: "network", excluding: ["x"], workload: EngineerWorkload(openDispatches: ["x": IncidentNumber(7)]),
            engineers: [engineer], now: at("2026-11-03 20:00"))
        let explanation = try #require(decision.candidates.first)
        #expect(explanation.reasons == [
            .covers(branch: "sh", coverage: code("31"), region: code("31")), .declined, .onOpenDispatch(IncidentNumber(7)),
            .onLeave(until: day("2026-11-03")), .offShift(.workingHours), .lacksSkill("network"),
        ])
        #expect(explanation.description
            == "x (sh): unavailable — branch sh covers 31 (province); declined this dispatch; on an open dispatch INC-000007; on leave until 2026-11-03; off shift (working hours); lacks skill 'network'")
    }

    @Test(arguments: [
        ("2026-11-03 09:00", true), ("2026-11-03 20:00", true), ("2026-11-03 22:00", false),
        ("2026-11-07 10:00", true), ("2026-11-08 10:00", false),
    ])
    func weeklyShifts(time: String, onShift: Bool) {
        let weekdays = WeeklyShift(
            days: [.monday, .tuesday, .wednesday, .thursday, .friday], hours: WorkingHours(range: "08:00-21:00")!)
        let saturday = WeeklyShift(days: [.saturday], hours: WorkingHours(range: "09:00-12:00")!)
        let shift = EngineerShift.weekly([weekdays, saturday])
        #expect(shift.isOn(at: at(time), calendar: Fixture.calendar) == onShift)
        #expect(shift.description == "mon,tue,wed,thu,fri 08:00-21:00; sat 09:00-12:00")
    }

    @Test func workingHoursShiftFollowsHolidaysAndMakeupDays() {
        let engineer = FieldEngineer(person: "x", branch: "sh", shift: .workingHours)
        #expect(!engineer.onShift(at: at("2026-10-05 10:00"), calendar: Fixture.calendar))  // National Day
        #expect(engineer.onShift(at: at("2026-10-10 10:00"), calendar: Fixture.calendar))   // make-up Saturday
        #expect(!engineer.onShift(at: at("2026-10-10 12:30"), calendar: Fixture.calendar))  // lunch
    }

    @Test func leaveUntilFollowsAdjoiningRanges() {
        let engineer = FieldEngineer(person: "x", branch: "sh", leave: [
            day("2026-12-01")...day("2026-12-03"), day("2026-12-04")...day("2026-12-05"), day("2026-12-09")...day("2026-12-09"),
        ])
        #expect(engineer.onLeave(at: at("2026-12-02 10:00"), calendar: Fixture.calendar) == day("2026-12-05"))
        #expect(engineer.onLeave(at: at("2026-12-05 23:59"), calendar: Fixture.calendar) == day("2026-12-05"))
        #expect(engineer.onLeave(at: at("2026-12-06 00:00"), calendar: Fixture.calendar) == nil)
        #expect(engineer.onLeave(at: at("2026-11-30 23:59"), calendar: Fixture.calendar) == nil)
    }

    // MARK: - Decline and re-dispatch

    @Test func declineThenRedispatchExcludesTheDecliner() throws {
        let site = CustomerSite(id: "SH-WH-01", name: "上海仓储中心", region: code("310104"), warrantyEnds: day("2027-06-30"))
        let requested = Fixture.now
        let first = DispatchPlanner.choose(
            DispatchRequest(site: site, requestedAt: requested), branches: Fixture.branches, engineers: Fixture.engineers,
            policy: Fixture.policy, calendar: Fixture.calendar, now: requested)
        #expect(first.engineer == "qian.hao")
        var visit = try Visit.dispatch(
            incident: IncidentNumber(123), decision: first, policy: Fixture.policy, calendar: Fixture.calendar,
            actor: "unix:pm", now: requested)
        #expect(visit.attempt == 1)
        #expect(visit.acceptBy == requested.adding(.seconds(600)))
        #expect(visit.arriveBy == requested.adding(hours(1)))
        #expect(visit.warranty == .inWarranty(until: day("2027-06-30")))

        let declinedAt = requested.adding(.seconds(300))
        visit = try visit.apply(.decline(reason: "  stuck in traffic "), actor: "link:qian.hao", now: declinedAt)
        #expect(visit.state == .declined)
        #expect(visit.events.last == VisitEvent(kind: .declined, at: declinedAt, actor: "link:qian.hao", facts: .init(reason: "stuck in traffic")))

        // The caller asks again, excluding the decliner; the request time stays the customer's.
        let second = DispatchPlanner.choose(
            DispatchRequest(site: site, requestedAt: requested, excluding: [visit.engineer]), branches: Fixture.branches,
            engineers: Fixture.engineers, policy: Fixture.policy, calendar: Fixture.calendar, now: declinedAt)
        #expect(second.engineer == "zhao.lei")
        #expect(second.candidates.first { $0.person == "qian.hao" }?.reasons.contains(.declined) == true)
        let next = try visit.redispatch(decision: second, policy: Fixture.policy, actor: "oncalld", now: declinedAt)
        #expect(next.attempt == 2)
        #expect(next.engineer == "zhao.lei")
        #expect(next.state == .dispatched)
        #expect(next.events.map(\.kind) == [.dispatched])
        #expect(next.events[0].details["attempt"] == "2")
        #expect(next.acceptBy == declinedAt.adding(.seconds(600)))
        #expect(next.arriveBy == requested.adding(hours(1)), "a decline does not buy time")
        #expect(next.siteID == "SH-WH-01")

        // Handing it back to the decliner, or re-dispatching an open visit, is refused.
        #expect(throws: DispatchError.invalidField("engineer", reason: "qian.hao declined visit 1; exclude them from the new dispatch")) {
            try visit.redispatch(decision: first, policy: Fixture.policy, actor: "oncalld", now: declinedAt)
        }
        #expect(throws: DispatchError.illegalStep(IncidentNumber(123), attempt: 2, from: .dispatched, step: "re-dispatched", hint: "decline or cancel it first")) {
            try next.redispatch(decision: second, policy: Fixture.policy, actor: "oncalld", now: declinedAt)
        }
    }

    @Test func redispatchAfterCancelKeepsTheCallBack() throws {
        let site = CustomerSite(id: "S", name: "S", region: code("310104"), warrantyEnds: day("2027-06-30"))
        let decision = DispatchPlanner.choose(
            DispatchRequest(site: site, requestedAt: Fixture.now), branches: Fixture.branches, engineers: Fixture.engineers,
            policy: Fixture.policy, calendar: Fixture.calendar, now: Fixture.now)
        let called = Fixture.now.adding(.seconds(1200))
        let visit = try Visit.dispatch(incident: IncidentNumber(5), decision: decision, policy: Fixture.policy,
                                       calendar: Fixture.calendar, actor: "unix:pm", now: Fixture.now)
            .apply(.accept, now: Fixture.now.adding(.seconds(60)))
            .apply(.callBack(note: nil), actor: "unix:pm", now: called)
            .apply(.cancel(reason: "re-assigned after the arrival breach"), actor: "unix:pm", now: called)
        let next = try visit.redispatch(decision: decision, policy: Fixture.policy, actor: "unix:pm", now: called)
        #expect(next.engineer == visit.engineer, "after a cancellation the same engineer may be sent again")
        #expect(next.calledBackAt == called)
        let callback = try #require(DispatchDeadlines.deadline(.callback, for: next, policy: Fixture.policy, calendar: Fixture.calendar))
        #expect(DispatchDeadlines.status(of: callback, visit: next, now: at("2026-11-04 10:00")) == .met(at: called))
    }

    // MARK: - Visit state machine

    private static func visit(warrantyEnds: LocalDate? = day("2027-06-30"), site: Bool = true) throws -> Visit {
        let customer = CustomerSite(id: "SH-WH-01", name: "上海仓储中心", region: code("310115"), warrantyEnds: warrantyEnds)
        let request = site
            ? DispatchRequest(site: customer, requestedAt: Fixture.now)
            : DispatchRequest(region: code("310115"), requestedAt: Fixture.now)
        let decision = DispatchPlanner.choose(
            request, branches: Fixture.branches, engineers: Fixture.engineers, policy: Fixture.policy,
            calendar: Fixture.calendar, now: Fixture.now)
        return try Visit.dispatch(incident: IncidentNumber(123), decision: decision, policy: Fixture.policy,
                                  calendar: Fixture.calendar, actor: "unix:pm", now: Fixture.now)
    }

    /// The visit after the legal steps that lead to `state`, one minute apart.
    private static func visit(in state: VisitState) throws -> Visit {
        let paths: [VisitState: [VisitStep]] = [
            .dispatched: [], .accepted: [.accept], .enRoute: [.accept, .depart], .onSite: [.accept, .depart, .arrive],
            .completed: [.accept, .depart, .arrive, .complete(summary: nil)], .declined: [.decline(reason: nil)],
            .cancelled: [.accept, .cancel(reason: "customer fixed it")],
        ]
        var visit = try visit()
        for (index, step) in paths[state, default: []].enumerated() {
            visit = try visit.apply(step, now: Fixture.now.adding(.seconds(60 * (index + 1))))
        }
        #expect(visit.state == state)
        return visit
    }

    @Test func happyPathIsTimestampedStepByStep() throws {
        var visit = try Self.visit()
        #expect(visit.state == .dispatched)
        #expect(visit.engineer == "wu.min")
        let dispatched = try #require(visit.events.first)
        #expect(dispatched.kind == .dispatched)
        #expect(dispatched.details["engineer"] == "wu.min")
        #expect(dispatched.details["branch"] == "sh-pd")
        #expect(dispatched.details["sla"] == "covered")
        #expect(dispatched.details["arrive_by"] == "2026-11-03T03:00:00Z")
        #expect(dispatched.details["site"] == "SH-WH-01")
        #expect(dispatched.details["chargeable"] == "false")
        let steps: [(VisitStep, VisitState, VisitEvent.Kind)] = [
            (.accept, .accepted, .accepted), (.depart, .enRoute, .enRoute), (.arrive, .onSite, .onSite),
            (.complete(summary: "replaced the switch"), .completed, .completed),
        ]
        for (index, (step, state, kind)) in steps.enumerated() {
            let time = Fixture.now.adding(.seconds(600 * (index + 1)))
            visit = try visit.apply(step, actor: "link:wu.min", now: time)
            #expect(visit.state == state)
            #expect(visit.events.last?.kind == kind)
            #expect(visit.events.last?.at == time)
            #expect(visit.events.last?.actor == "link:wu.min")
        }
        #expect(visit.events.last?.details == ["summary": "replaced the switch"])
        #expect(visit.acceptedAt == Fixture.now.adding(.seconds(600)))
        #expect(visit.arrivedAt == Fixture.now.adding(.seconds(1800)))
        #expect(visit.completedAt == Fixture.now.adding(.seconds(2400)))
        #expect(visit.endedAt == visit.completedAt)
        #expect(!visit.isOpen)
    }

    @Test(arguments: [
        (VisitState.dispatched, VisitStep.depart, "accept it first"),
        (.dispatched, .arrive, "accept it and report 'on the way' first"),
        (.dispatched, .complete(summary: nil), "the engineer must be on site first"),
        (.accepted, .accept, "it was accepted already"),
        (.accepted, .arrive, "report 'on the way' first"),
        (.accepted, .decline(reason: nil), "it was accepted; cancel it to re-assign"),
        (.enRoute, .depart, "that was reported already"),
        (.enRoute, .complete(summary: "x"), "the engineer must be on site first"),
        (.onSite, .arrive, "the engineer is on site already"),
        (.onSite, .decline(reason: nil), "it was accepted; cancel it to re-assign"),
        (.completed, .cancel(reason: "x"), "the visit is over; dispatch again for a new visit"),
        (.completed, .accept, "the visit is over; dispatch again for a new visit"),
        (.declined, .accept, "the visit is over; dispatch again for a new visit"),
        (.cancelled, .arrive, "the visit is over; dispatch again for a new visit"),
        (.cancelled, .callBack(note: nil), "the visit is over; dispatch again for a new visit"),
    ])
    func illegalStepsAreRefused(state: VisitState, step: VisitStep, hint: String) throws {
        let visit = try Self.visit(in: state)
        #expect(throws: DispatchError.illegalStep(IncidentNumber(123), attempt: 1, from: state, step: step.verb, hint: hint)) {
            try visit.apply(step, now: Fixture.now.adding(.seconds(3600)))
        }
    }

    @Test(arguments: [
        (VisitState.dispatched, VisitStep.accept, VisitState.accepted),
        (.dispatched, .decline(reason: nil), .declined),
        (.dispatched, .cancel(reason: "duplicate"), .cancelled),
        (.accepted, .depart, .enRoute),
        (.accepted, .cancel(reason: "re-assign"), .cancelled),
        (.enRoute, .arrive, .onSite),
        (.enRoute, .cancel(reason: "re-assign"), .cancelled),
        (.onSite, .complete(summary: nil), .completed),
        (.onSite, .cancel(reason: "customer away"), .cancelled),
        (.onSite, .callBack(note: "phoned"), .onSite),
    ])
    func legalSteps(state: VisitState, step: VisitStep, next: VisitState) throws {
        let visit = try Self.visit(in: state).apply(step, now: Fixture.now.adding(.seconds(3600)))
        #expect(visit.state == next)
    }

    @Test func stepTextIsChecked() throws {
        let visit = try Self.visit()
        #expect(throws: DispatchError.invalidField("reason", reason: "is required")) {
            try visit.apply(.cancel(reason: "   "), now: Fixture.now)
        }
        #expect(throws: DispatchError.invalidField("reason", reason: "is longer than 2000 characters")) {
            try visit.apply(.decline(reason: String(repeating: "x", count: 2001)), now: Fixture.now)
        }
        // An empty optional reason is simply left out.
        #expect(try visit.apply(.decline(reason: " "), now: Fixture.now).events.last?.details == [:])
    }

    @Test func callBackAndRepairConfirmationAreOnceOnly() throws {
        let inWarranty = try Self.visit().apply(.callBack(note: "phoned Mr Wang"), now: Fixture.now.adding(.seconds(60)))
        #expect(inWarranty.calledBackAt == Fixture.now.adding(.seconds(60)))
        #expect(inWarranty.state == .dispatched, "a call-back does not move the visit")
        #expect(throws: DispatchError.illegalStep(IncidentNumber(123), attempt: 1, from: .dispatched, step: "marked called back", hint: "the customer was called back already at 2026-11-03T02:01:00Z")) {
            try inWarranty.apply(.callBack(note: nil), now: Fixture.now.adding(.seconds(120)))
        }
        #expect(throws: DispatchError.illegalStep(IncidentNumber(123), attempt: 1, from: .dispatched, step: "confirmed for repair", hint: "the site is in warranty, so the visit is not chargeable")) {
            try inWarranty.apply(.confirmRepair, now: Fixture.now)
        }
        #expect(throws: DispatchError.illegalStep(IncidentNumber(123), attempt: 1, from: .dispatched, step: "confirmed for repair", hint: "it was dispatched by region, so its warranty is unknown")) {
            try Self.visit(site: false).apply(.confirmRepair, now: Fixture.now)
        }
        let chargeable = try Self.visit(warrantyEnds: day("2026-06-30")).apply(.confirmRepair, now: Fixture.now)
        #expect(chargeable.chargeable)
        #expect(chargeable.customerConfirmedAt == Fixture.now)
        #expect(throws: DispatchError.self) { try chargeable.apply(.confirmRepair, now: Fixture.now) }
    }

    @Test(arguments: [
        // (warranty end, expected status): the warranty covers its last day.
        ("2026-11-03", WarrantyStatus.inWarranty(until: day("2026-11-03"))),
        ("2026-11-02", .outOfWarranty(endedOn: day("2026-11-02"))),
    ])
    func warrantyIsJudgedOnTheDayOfTheRequest(ends: String, status: WarrantyStatus) throws {
        #expect(try Self.visit(warrantyEnds: day(ends)).warranty == status)
        #expect(status.isChargeable == (status != .inWarranty(until: day("2026-11-03"))))
    }

    @Test func siteWithoutWarrantyIsChargeableAndRegionOnlyIsUnknown() throws {
        #expect(try Self.visit(warrantyEnds: nil).warranty == .outOfWarranty(endedOn: nil))
        #expect(try Self.visit(warrantyEnds: nil).chargeable)
        #expect(try Self.visit(site: false).warranty == .unknown)
        #expect(try !Self.visit(site: false).chargeable)
    }

    // MARK: - Deadlines

    @Test(arguments: [
        ("310115", 1, DispatchSLAKind.covered),
        ("650102", 48, .uncovered),
    ])
    func arrivalDeadlineIsOneOrFortyEightHours(region: String, hours arrival: Int, sla: DispatchSLAKind) throws {
        let decision = Fixture.choose(region)
        let visit = try Visit.dispatch(incident: IncidentNumber(1), decision: decision, policy: Fixture.policy,
                                       calendar: Fixture.calendar, actor: "oncalld", now: Fixture.now)
        #expect(visit.slaKind == sla)
        let deadlines = DispatchDeadlines.compute(for: visit, policy: Fixture.policy, calendar: Fixture.calendar)
        #expect(deadlines == [
            DispatchDeadline(kind: .accept, dueAt: Fixture.now.adding(.seconds(600))),
            DispatchDeadline(kind: .arrival, dueAt: Fixture.now.adding(hours(arrival))),
        ], "no site: neither call-back nor repair")
        let arrival = deadlines[1]
        // On site a minute early: met; a minute late: breached, met late.
        let early = arrival.dueAt.adding(.seconds(-60))
        let late = arrival.dueAt.adding(.seconds(60))
        let onTime = try visit.apply(.accept, now: Fixture.now).apply(.depart, now: Fixture.now).apply(.arrive, now: early)
        let tardy = try visit.apply(.accept, now: Fixture.now).apply(.depart, now: Fixture.now).apply(.arrive, now: late)
        #expect(DispatchDeadlines.status(of: arrival, visit: onTime, now: late) == .met(at: early))
        #expect(DispatchDeadlines.status(of: arrival, visit: tardy, now: late) == .breached(metLateAt: late))
        #expect(DispatchDeadlines.breach(arrival, visit: tardy, now: late))
        #expect(!DispatchDeadlines.breach(arrival, visit: onTime, now: late))
        // Not yet on site: pending before the deadline, an outstanding breach at it.
        #expect(DispatchDeadlines.status(of: arrival, visit: visit, now: early) == .pending)
        #expect(DispatchDeadlines.status(of: arrival, visit: visit, now: arrival.dueAt).isOutstandingBreach)
    }

    @Test(arguments: [
        // (event after dispatch, minutes after dispatch, expected accept status at the deadline)
        ("accept", 9, "met"), ("accept", 10, "met"), ("accept", 11, "late"), ("none", 0, "outstanding"),
        ("decline", 5, "void"), ("decline", 11, "outstanding"), ("cancel", 3, "void"),
    ])
    func acceptDeadline(event: String, minutes: Int, expected: String) throws {
        var visit = try Self.visit()
        let time = Fixture.now.adding(.seconds(60 * minutes))
        switch event {
        case "accept": visit = try visit.apply(.accept, now: time)
        case "decline": visit = try visit.apply(.decline(reason: nil), now: time)
        case "cancel": visit = try visit.apply(.cancel(reason: "duplicate"), now: time)
        default: break
        }
        let accept = try #require(DispatchDeadlines.deadline(.accept, for: visit, policy: Fixture.policy, calendar: Fixture.calendar))
        #expect(accept.dueAt == Fixture.now.adding(.seconds(600)))
        let status = DispatchDeadlines.status(of: accept, visit: visit, now: Fixture.now.adding(.seconds(720)))
        switch expected {
        case "met": #expect(status == .met(at: time))
        case "late": #expect(status == .breached(metLateAt: time))
        case "outstanding": #expect(status == .breached(metLateAt: nil))
        default: #expect(status == .void)
        }
    }

    @Test(arguments: [
        // Inside one day, across lunch.
        ("2026-11-03 10:00", "2026-11-03 15:00"),
        // After hours: the next morning and afternoon.
        ("2026-11-03 20:00", "2026-11-04 14:00"),
        // Friday afternoon, across the weekend.
        ("2026-03-13 16:00", "2026-03-16 11:00"),
        // The day before National Day: across the seven holidays.
        ("2026-09-30 16:00", "2026-10-08 11:00"),
        // Friday before the make-up Saturday: Saturday morning is worked.
        ("2026-10-09 17:00", "2026-10-10 12:00"),
        // Asked on a holiday: counting starts on the first working day.
        ("2026-10-03 10:00", "2026-10-08 14:00"),
    ])
    func callBackWithinFourWorkingHours(requested: String, due: String) throws {
        let site = CustomerSite(id: "SH-WH-01", name: "上海仓储中心", region: code("310104"), warrantyEnds: day("2027-06-30"))
        let decision = DispatchPlanner.choose(
            DispatchRequest(site: site, requestedAt: at(requested)), branches: Fixture.branches,
            engineers: Fixture.engineers, policy: Fixture.policy, calendar: Fixture.calendar, now: at(requested))
        let visit = try Visit.dispatch(incident: IncidentNumber(9), decision: decision, policy: Fixture.policy,
                                       calendar: Fixture.calendar, actor: "oncalld", now: at(requested))
        let callback = try #require(DispatchDeadlines.deadline(.callback, for: visit, policy: Fixture.policy, calendar: Fixture.calendar))
        #expect(callback.dueAt == at(due))
        #expect(DispatchDeadlines.compute(for: visit, policy: Fixture.policy, calendar: Fixture.calendar).map(\.kind)
            == [.accept, .arrival, .callback])
        // Phoned at the last minute: met; not phoned: breached at the deadline.
        let called = try visit.apply(.callBack(note: nil), now: at(due))
        #expect(DispatchDeadlines.status(of: callback, visit: called, now: at(due)) == .met(at: at(due)))
        #expect(DispatchDeadlines.breach(callback, visit: visit, now: at(due)))
        // An engineer on site in time answers for the call-back too.
        let arrived = try visit.apply(.accept, now: at(requested)).apply(.depart, now: at(requested))
            .apply(.arrive, now: at(requested).adding(.seconds(1800)))
        #expect(!DispatchDeadlines.breach(callback, visit: arrived, now: at(due)))
    }

    @Test(arguments: [
        // (confirmed, earliest = end of the 3rd working day, due = end of the 7th)
        ("2026-11-02 10:00", "2026-11-05 18:00", "2026-11-11 18:00"),
        // Across National Day and its make-up Saturday (10-10 is working day 4).
        ("2026-09-29 10:00", "2026-10-09 18:00", "2026-10-14 18:00"),
        // Confirmed in the evening: the day itself still counts as day 0.
        ("2026-11-02 21:00", "2026-11-05 18:00", "2026-11-11 18:00"),
    ])
    func repairWindowIsThreeToSevenWorkingDays(confirmed: String, earliest: String, due: String) throws {
        let site = CustomerSite(id: "GZ-01", name: "广州数据中心", region: code("440106"), warrantyEnds: day("2025-12-31"))
        let decision = DispatchPlanner.choose(
            DispatchRequest(site: site, requestedAt: at(confirmed)), branches: Fixture.branches,
            engineers: Fixture.engineers, policy: Fixture.policy, calendar: Fixture.calendar, now: at(confirmed))
        var visit = try Visit.dispatch(incident: IncidentNumber(9), decision: decision, policy: Fixture.policy,
                                       calendar: Fixture.calendar, actor: "oncalld", now: at(confirmed))
        #expect(visit.chargeable)
        #expect(visit.events[0].details["chargeable"] == "true")
        #expect(DispatchDeadlines.compute(for: visit, policy: Fixture.policy, calendar: Fixture.calendar).map(\.kind)
            == [.accept, .arrival], "no repair deadline until the customer confirms, and no call-back out of warranty")
        visit = try visit.apply(.confirmRepair, actor: "unix:pm", now: at(confirmed))
        let repair = try #require(DispatchDeadlines.deadline(.repair, for: visit, policy: Fixture.policy, calendar: Fixture.calendar))
        #expect(repair == DispatchDeadline(kind: .repair, dueAt: at(due), notBefore: at(earliest)))
        #expect(DispatchDeadlines.status(of: repair, visit: visit, now: at(earliest)) == .pending)
        #expect(DispatchDeadlines.status(of: repair, visit: visit, now: at(due)) == .breached(metLateAt: nil))
        let done = try visit.apply(.accept, now: at(confirmed)).apply(.depart, now: at(confirmed))
            .apply(.arrive, now: at(confirmed)).apply(.complete(summary: "repaired"), now: at(earliest))
        #expect(DispatchDeadlines.status(of: repair, visit: done, now: at(due)) == .met(at: at(earliest)))
    }

    @Test func deadlinesCarryOverARedispatch() throws {
        let site = CustomerSite(id: "S", name: "S", region: code("310104"), warrantyEnds: day("2027-06-30"))
        let request = DispatchRequest(site: site, requestedAt: Fixture.now)
        let first = DispatchPlanner.choose(request, branches: Fixture.branches, engineers: Fixture.engineers,
                                           policy: Fixture.policy, calendar: Fixture.calendar, now: Fixture.now)
        let declinedAt = Fixture.now.adding(.seconds(120))
        let declined = try Visit.dispatch(incident: IncidentNumber(2), decision: first, policy: Fixture.policy,
                                          calendar: Fixture.calendar, actor: "oncalld", now: Fixture.now)
            .apply(.decline(reason: nil), now: declinedAt)
        var excluding = request
        excluding.excluding = [declined.engineer]
        // A caller that wrongly passes the decline time as the request time still gets the original promise.
        excluding.requestedAt = declinedAt
        let second = DispatchPlanner.choose(excluding, branches: Fixture.branches, engineers: Fixture.engineers,
                                            policy: Fixture.policy, calendar: Fixture.calendar, now: declinedAt)
        let next = try declined.redispatch(decision: second, policy: Fixture.policy, actor: "oncalld", now: declinedAt)
        let before = DispatchDeadlines.compute(for: declined, policy: Fixture.policy, calendar: Fixture.calendar)
        let after = DispatchDeadlines.compute(for: next, policy: Fixture.policy, calendar: Fixture.calendar)
        #expect(after[0].dueAt == declinedAt.adding(.seconds(600)), "the new engineer gets the full accept time")
        #expect(after[1] == before[1], "arrival unchanged")
        #expect(after[2] == before[2], "call-back unchanged")
        // The declined visit no longer answers for arrival; the new one does.
        #expect(DispatchDeadlines.status(of: before[1], visit: declined, now: before[1].dueAt) == .void)
        #expect(DispatchDeadlines.breach(after[1], visit: next, now: after[1].dueAt))
    }

    @Test func policyDefaultsAreTheSpecNumbers() {
        let policy = DispatchPolicy()
        #expect(policy.arrivalWithCoverage == .seconds(3600))
        #expect(policy.arrivalWithoutCoverage == .seconds(172_800))
        #expect(policy.acceptWithin == .seconds(600))
        #expect(policy.callbackWithin == .seconds(14_400))
        #expect((policy.repairMinDays, policy.repairMaxDays) == (3, 7))
        #expect(policy.fallbackBranch == nil)
        #expect(policy.arrivalWithin(.covered) == .seconds(3600))
        #expect(policy.arrivalWithin(.uncovered) == .seconds(172_800))
    }
}
