import Foundation
import OncallCore
import Testing
@testable import OncallConfig

@Suite("Config: dispatch")
struct DispatchConfigTests {
    /// A valid section, lines 1–27, that the error tests break one line at a time.
    static let valid = """
        people:
          - id: zhao.lei
            name: 赵磊
          - id: sun.li
            name: 孙丽
        dispatch:
          headquarters: bj-hq
          branches:
            - id: bj-hq
              name: 北京总部
              regions: ["11"]
            - id: sh
              name: 上海分公司
              regions: [上海, "3201"]
          engineers:
            - person: zhao.lei
              branch: sh
              skills: [network]
              shift: working_hours
              leave: ["2026-12-01..2026-12-03", 2026-12-10]
          sites:
            - id: SH-WH-01
              name: 上海仓储中心
              region: 浦东新区
              warranty_ends: 2027-06-30
          region_names:
            浦东新区: 310115

        """

    /// `valid` with `old` (which must occur exactly once) replaced by `new`.
    static func broken(_ old: String, _ new: String) -> String {
        precondition(valid.components(separatedBy: old).count == 2, "'\(old)' must occur once in the fixture")
        return valid.replacingOccurrences(of: old, with: new)
    }

    private static func code(_ text: String) -> RegionCode { RegionCode(text)! }
    private static func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    @Test("an empty file, or an empty section, gives no branches and the default promises")
    func defaults() throws {
        #expect(try ConfigLoader.parse(yaml: "", file: "t.yaml").dispatch == DispatchConfig())
        #expect(DaemonConfig.defaults.dispatch == DispatchConfig())
        #expect(!DispatchConfig().isConfigured)
        #expect(try ConfigLoader.parse(yaml: "dispatch: {}\n", file: "t.yaml").dispatch == DispatchConfig())
        // The built-in names work without any configuration.
        #expect(DispatchConfig().region("新疆维吾尔自治区") == Self.code("65"))
    }

    @Test("the fixture reads back, names resolved to codes")
    func readsBack() throws {
        let dispatch = try ConfigLoader.parse(yaml: Self.valid, file: "t.yaml").dispatch
        #expect(dispatch.isConfigured)
        #expect(dispatch.headquarters == "bj-hq")
        #expect(dispatch.branches == [
            BranchOffice(id: "bj-hq", name: "北京总部", regions: [Self.code("11")], isHeadquarters: true),
            BranchOffice(id: "sh", name: "上海分公司", regions: [Self.code("31"), Self.code("3201")]),
        ])
        #expect(dispatch.engineers == [FieldEngineer(
            person: "zhao.lei", branch: "sh", skills: ["network"], shift: .workingHours,
            leave: [Self.day("2026-12-01")...Self.day("2026-12-03"), Self.day("2026-12-10")...Self.day("2026-12-10")])])
        #expect(dispatch.sites == [CustomerSite(
            id: "SH-WH-01", name: "上海仓储中心", region: Self.code("310115"), warrantyEnds: Self.day("2027-06-30"))])
        #expect(dispatch.regionNames == RegionNames(extra: ["浦东新区": Self.code("310115")]))
        #expect(dispatch.region("浦东新区") == Self.code("310115"))
        #expect(dispatch.branch("sh")?.name == "上海分公司")
        #expect(dispatch.engineer("zhao.lei")?.branch == "sh")
        #expect(dispatch.engineer("sun.li") == nil)
        #expect(dispatch.policy == DispatchPolicy())
    }

    @Test("every promise key, a fallback branch, weekly shifts and the official six-digit forms")
    func promisesAndForms() throws {
        let yaml = Self.broken("  headquarters: bj-hq\n", """
              headquarters: bj-hq
              fallback_branch: sh
              arrival_with_coverage: 2h
              arrival_without_coverage: 24h
              accept_within: 15m
              callback_within: 2h
              repair_min_days: 0
              repair_max_days: 10
              emergency_after_breach: 0s
              load_window: 168h

            """)
            .replacingOccurrences(of: "shift: working_hours", with: """
                shift:
                        - days: [monday, 周二, Wed]
                          hours: "08:00-20:00"
                        - {days: [saturday], hours: "09:00-12:00"}
                """)
            .replacingOccurrences(of: "regions: [\"11\"]", with: "regions: [110000]")
            .replacingOccurrences(of: "[上海, \"3201\"]", with: "[Shanghai, 320100]")
        let dispatch = try ConfigLoader.parse(yaml: yaml, file: "t.yaml").dispatch
        #expect(dispatch.policy == DispatchPolicy(
            arrivalWithCoverage: .seconds(7200), arrivalWithoutCoverage: .seconds(86_400), acceptWithin: .seconds(900),
            callbackWithin: .seconds(7200), repairMinDays: 0, repairMaxDays: 10, emergencyAfterBreach: .zero,
            loadWindow: .seconds(7 * 86_400), fallbackBranch: "sh"))
        #expect(dispatch.branches.map(\.regions) == [[Self.code("11")], [Self.code("31"), Self.code("3201")]])
        #expect(dispatch.engineers.first?.shift == .weekly([
            WeeklyShift(days: [.monday, .tuesday, .wednesday], hours: WorkingHours(range: "08:00-20:00")!),
            WeeklyShift(days: [.saturday], hours: WorkingHours(range: "09:00-12:00")!),
        ]))
    }

    @Test("a headquarters with no regions of its own serves only as the fallback")
    func headquartersWithoutRegions() throws {
        let yaml = Self.broken("      regions: [\"11\"]\n", "      regions: []\n")
        let dispatch = try ConfigLoader.parse(yaml: yaml, file: "t.yaml").dispatch
        #expect(dispatch.branch("bj-hq")?.regions == [])
        #expect(dispatch.branch("bj-hq")?.isHeadquarters == true)
    }

    @Test("errors point at the offending line and key", arguments: [
        // Unknown keys.
        (broken("  headquarters:", "  headquarter:"), 7, "dispatch.headquarter", "unknown key (did you mean 'headquarters'?)"),
        (broken("      shift:", "      shif:"), 19, "dispatch.engineers[0].shif", "unknown key (did you mean 'shift'?)"),
        (broken("      warranty_ends:", "      warranty_end:"), 25, "dispatch.sites[0].warranty_end", "unknown key (did you mean 'warranty_ends'?)"),
        // Unknown people and branches, at their own line.
        (broken("person: zhao.lei", "person: zhao.le"), 16, "dispatch.engineers[0].person",
         "'zhao.le' is not defined under people (did you mean 'zhao.lei'?)"),
        (broken("      branch: sh", "      branch: shh"), 17, "dispatch.engineers[0].branch",
         "'shh' is not a branch defined under dispatch.branches (did you mean 'sh'?)"),
        (broken("headquarters: bj-hq", "headquarters: bj-h"), 7, "dispatch.headquarters",
         "'bj-h' is not a branch defined under dispatch.branches (did you mean 'bj-hq'?)"),
        (broken("  headquarters: bj-hq\n", "  headquarters: bj-hq\n  fallback_branch: gz\n"), 8, "dispatch.fallback_branch",
         "'gz' is not a branch defined under dispatch.branches"),
        // Duplicate ids.
        (broken("    - id: sh\n", "    - id: bj-hq\n"), 12, "dispatch.branches[1].id", "duplicate branch id 'bj-hq' (first at line 9)"),
        (broken("    - id: sh\n", "    - id: s h\n"), 12, "dispatch.branches[1].id", "must not contain spaces or commas"),
        // Bad regions.
        (broken("regions: [\"11\"]", "regions: [\"1101156\"]"), 11, "dispatch.branches[0].regions[0]",
         "'1101156' is not a region: has 7 digits; a region code has 2 (province), 4 (city) or 6 (county)"),
        (broken("\"3201\"]", "\"9901\"]"), 14, "dispatch.branches[1].regions[1]",
         "'9901' is not a region: 99 is not a province code"),
        (broken("[上海, \"3201\"]", "[Shangai, \"3201\"]"), 14, "dispatch.branches[1].regions[0]",
         "unknown region 'Shangai' (did you mean 'shanghai'?); use a GB/T 2260 code or add the name under dispatch.region_names"),
        (broken("[上海, \"3201\"]", "[上海, \"310115\"]"), 14, "dispatch.branches[1].regions[1]",
         "310115 lies within 31 (line 14); list each area once"),
        (broken("[上海, \"3201\"]", "[\"310115\", 上海市]"), 14, "dispatch.branches[1].regions[1]",
         "31 contains 310115 (line 14); list each area once"),
        (broken("[上海, \"3201\"]", "[上海, Shanghai]"), 14, "dispatch.branches[1].regions[1]", "31 is listed already (line 14)"),
        (broken("region: 浦东新区", "region: 浦东"), 24, "dispatch.sites[0].region", "unknown region '浦东'"),
        (broken("regions: [\"11\"]", "regions: 11"), 11, "dispatch.branches[0].regions", "expected a list, found a number"),
        // Region names.
        (broken("    浦东新区: 310115", "    上海: 310115"), 27, "dispatch.region_names.上海",
         "'上海' is the built-in name of 31; it cannot stand for 310115"),
        (broken("    浦东新区: 310115", "    \"310115\": 310115"), 27, "dispatch.region_names.310115", "looks like a code"),
        (broken("    浦东新区: 310115", "    浦东新区: 浦东"), 27, "dispatch.region_names.浦东新区",
         "'浦东' is not a region: a region code is 2, 4 or 6 digits"),
        // Required keys and branches nobody could use.
        (broken("  headquarters: bj-hq\n", ""), 7, "dispatch.headquarters",
         "required when branches are defined: the branch id used where no branch covers a region"),
        (broken("      region: 浦东新区\n", ""), 22, "dispatch.sites[0].region", "required key is missing"),
        (broken("      branch: sh\n", ""), 16, "dispatch.engineers[0].branch", "required key is missing"),
        (broken("[上海, \"3201\"]", "[]"), 12, "dispatch.branches[1].id",
         "branch 'sh' covers no regions and is not the headquarters or fallback, so it would never be used"),
        // Shifts, leave, dates.
        (broken("shift: working_hours", "shift: sometimes"), 19, "dispatch.engineers[0].shift",
         "unknown shift 'sometimes' (expected always, working_hours, or a list of {days, hours})"),
        (broken("shift: working_hours", "shift: workinghours"), 19, "dispatch.engineers[0].shift",
         "unknown shift 'workinghours' (did you mean 'working_hours'?)"),
        (broken("shift: working_hours", "shift: [{days: [someday], hours: \"08:00-20:00\"}]"), 19,
         "dispatch.engineers[0].shift[0].days[0]", "'someday' is not a day of the week"),
        (broken("shift: working_hours", "shift: [{days: [monday], hours: \"20:00-08:00\"}]"), 19,
         "dispatch.engineers[0].shift[0].hours", "split a night shift at midnight"),
        (broken("shift: working_hours", "shift: []"), 19, "dispatch.engineers[0].shift", "needs at least one shift"),
        (broken(", 2026-12-10]", ", 2026-13-10]"), 20, "dispatch.engineers[0].leave[1]", "'2026-13-10' is not a valid date"),
        (broken("\"2026-12-01..2026-12-03\"", "\"2026-12-03..2026-12-01\""), 20, "dispatch.engineers[0].leave[0]",
         "range end 2026-12-01 is before its start 2026-12-03"),
        (broken("skills: [network]", "skills: [network, network]"), 18, "dispatch.engineers[0].skills[1]", "listed twice"),
        (broken("warranty_ends: 2027-06-30", "warranty_ends: 2027-02-30"), 25, "dispatch.sites[0].warranty_ends",
         "'2027-02-30' is not a valid date"),
        (broken("warranty_ends: 2027-06-30", "warranty_ends: soon"), 25, "dispatch.sites[0].warranty_ends",
         "'soon' is not a valid date"),
        // Promises.
        (broken("  headquarters: bj-hq\n", "  headquarters: bj-hq\n  accept_within: 0s\n"), 8, "dispatch.accept_within",
         "must be greater than zero"),
        (broken("  headquarters: bj-hq\n", "  headquarters: bj-hq\n  arrival_with_coverage: 72h\n"), 8,
         "dispatch.arrival_with_coverage", "arrival_with_coverage (72h) must not be longer than arrival_without_coverage (48h)"),
        (broken("  headquarters: bj-hq\n", "  headquarters: bj-hq\n  repair_min_days: 8\n"), 8, "dispatch.repair_min_days",
         "repair_min_days (8) must not be more than repair_max_days (7)"),
        (broken("  headquarters: bj-hq\n", "  headquarters: bj-hq\n  repair_max_days: 0\n"), 8, "dispatch.repair_max_days",
         "from 1 to 3660"),
        (broken("  headquarters: bj-hq\n", "  headquarters: bj-hq\n  callback_within: 4 hours\n"), 8, "dispatch.callback_within",
         "is not a duration"),
    ] as [(String, Int, String, String)])
    func dispatchError(yaml: String, line: Int, key: String, message: String) throws {
        let error = try #require(ConfigFixtures.error(yaml))
        #expect(error.line == line, "\(error)")
        #expect(error.key == key, "\(error)")
        #expect(error.message.contains(message), "\(error)")
    }

    @Test("a person is a field engineer once; site ids are unique")
    func duplicates() throws {
        let twice = try #require(ConfigFixtures.error(Self.broken("  sites:\n", """
                - person: zhao.lei
                  branch: bj-hq
              sites:

            """)))
        #expect(twice.line == 21)
        #expect(twice.key == "dispatch.engineers[1].person")
        #expect(twice.message == "'zhao.lei' is already a field engineer (line 16); an engineer belongs to one branch")
        let site = try #require(ConfigFixtures.error(Self.broken("  region_names:\n", """
                - id: SH-WH-01
                  name: 又一个
                  region: "31"
              region_names:

            """)))
        #expect(site.line == 26)
        #expect(site.key == "dispatch.sites[1].id")
        #expect(site.message == "duplicate site id 'SH-WH-01' (first at line 22)")
    }

    @Test("the error reads as file:line:col: key: message")
    func errorFormat() throws {
        let error = try #require(ConfigFixtures.error(
            Self.broken("person: zhao.lei", "person: nobody"), file: "config/oncalld.yaml"))
        #expect(error.description == "config/oncalld.yaml:16:15: dispatch.engineers[0].person: 'nobody' is not defined under people")
    }
}
