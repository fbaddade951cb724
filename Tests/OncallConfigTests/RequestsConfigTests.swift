import Foundation
import OncallCore
import Testing
@testable import OncallConfig

@Suite("Service requests and release calendar config")
struct RequestsConfigTests {
    static let people = "people:\n  - {id: zhang.wei, name: 张伟}\n  - {id: li.na, name: 李娜}\nproject_managers: [zhang.wei]\n"

    @Test("every key reads back; unset promises keep SPEC.md's days")
    func reads() throws {
        let config = try ConfigLoader.parse(yaml: Self.people + """
            requests:
              owner: li.na
              escalate_to: [zhang.wei, li.na]
              warn_before: 2h
              promises:
                bug_report: {decision: 3}
                out_of_warranty_repair: {inspection: 1, repair: 5}
            releases:
              days: [tuesday, 星期五]
              at: "20:30"
              window: 90m
            """, file: "test.yaml")
        let requests = config.requests
        #expect(requests.owner == "li.na")
        #expect(requests.escalateTo == ["zhang.wei", "li.na"])
        #expect(requests.warnBefore == .seconds(7200))
        #expect(requests.workingDays == [.bugReport: [.decision: 3], .outOfWarrantyRepair: [.inspection: 1, .repair: 5]])
        #expect(requests.releases == ReleaseSchedule(weekdays: [.tuesday, .friday], at: TimeOfDay(hour: 20, minute: 30)!, window: .seconds(5400)))
        let policy = RequestPolicy(workingDays: requests.workingDays)
        let feedback = try #require(RequestKind.bugReport.flow.promises.first { $0.name == .feedbackCheck })
        #expect(policy.workingDays(.bugReport, feedback) == 2)
    }

    @Test("an empty file gives the defaults: SPEC.md's release evenings, a 4h warning, the project managers")
    func defaults() throws {
        let config = try ConfigLoader.parse(yaml: "", file: "test.yaml")
        #expect(config.requests == RequestsConfig())
        #expect(config.requests.releases == .standard)
        #expect(config.requests.owner == nil && config.requests.escalateTo == nil)
    }

    @Test("bad values fail at their line and key", arguments: [
        ("requests:\n  ownr: zhang.wei\n", 2, "requests.ownr", "did you mean 'owner'"),
        ("requests:\n  owner: nobody\n", 2, "requests.owner", "not defined under people"),
        ("requests:\n  escalate_to: [zhang.wei, ghost]\n", 2, "requests.escalate_to[1]", "not defined under people"),
        ("requests:\n  warn_before: 200h\n", 2, "requests.warn_before", "from 0s to 7d"),
        ("requests:\n  promises:\n    coffee: {done: 1}\n", 3, "requests.promises.coffee", "unknown key"),
        ("requests:\n  promises:\n    bug_report: {done: 1}\n", 3, "requests.promises.bug_report.done", "expected one of: decision, feedback_check"),
        ("requests:\n  promises:\n    release: {release: 1}\n", 3, "requests.promises.release", "its release window"),
        ("requests:\n  promises:\n    bug_report: {decision: 99}\n", 3, "requests.promises.bug_report.decision", "from 0 to 60"),
        ("releases:\n  days: [funday]\n", 2, "releases.days[0]", "not a day of the week"),
        ("releases:\n  days: []\n", 2, "releases.days", "at least one release day"),
        ("releases:\n  at: \"25:00\"\n", 2, "releases.at", "not a time of day"),
        ("releases:\n  window: 5m\n", 2, "releases.window", "from 15m to 24h"),
    ] as [(String, Int, String, String)])
    func badValue(yaml: String, line: Int, key: String, message: String) throws {
        let error = try #require(ConfigFixtures.error(Self.people + yaml))
        let offset = 4
        #expect(error.line == line + offset, "\(error)")
        #expect(error.key == key, "\(error)")
        #expect(error.message.contains(message), "\(error)")
    }
}
