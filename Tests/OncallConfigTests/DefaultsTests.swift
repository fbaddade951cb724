import Foundation
import OncallCore
import Testing
@testable import OncallConfig

@Suite("Defaults")
struct DefaultsTests {
    @Test("an empty document gives every default", arguments: ["", "\n", "# only a comment\n", "---\n", "~\n"])
    func emptyDocument(yaml: String) throws {
        let config = try ConfigLoader.parse(yaml: yaml, file: "empty.yaml")
        #expect(config == DaemonConfig.defaults)
    }

    @Test("the defaults are the documented values")
    func documentedDefaults() throws {
        let config = DaemonConfig.defaults
        #expect(config.stateDir == "/var/lib/oncalld")
        #expect(config.socket == SocketConfig(path: "/run/oncalld/oncalld.sock", mode: 0o660, group: nil, allowedUsers: []))
        #expect(config.http == HTTPConfig(host: "127.0.0.1", port: 8080, maxBodyBytes: 1_048_576, tokens: []))
        #expect(config.policy.escalation.emergencyAfter == .seconds(600))
        #expect(config.policy.escalation.emergencyAfterByLevel.isEmpty)
        #expect(config.policy.thresholds.level2After == .seconds(20 * 60))
        #expect(config.policy.thresholds.level1After == .seconds(60 * 60))
        #expect(config.people.isEmpty)
        #expect(config.projectManagers.isEmpty && config.oncallEngineers.isEmpty && config.emergencyGroup.isEmpty)
        #expect(config.logLevel == "info")
        let expected = try WorkingCalendar(
            timeZone: try #require(TimeZone(identifier: "Asia/Shanghai")),
            workingHours: [try #require(WorkingHours(range: "09:00-12:00")), try #require(WorkingHours(range: "13:00-18:00"))],
            restDays: [.saturday, .sunday], holidays: [], makeupDays: [])
        #expect(config.calendar == expected)
    }

    @Test("a section with only some keys keeps the defaults of the others")
    func partialSections() throws {
        let config = try ConfigLoader.parse(
            yaml: """
                socket:
                  group: oncall
                calendar:
                  holidays: [2026-10-01]
                """, file: "t.yaml")
        #expect(config.socket.path == "/run/oncalld/oncalld.sock")
        #expect(config.socket.mode == 0o660)
        #expect(config.socket.group == "oncall")
        #expect(config.calendar.workingHours == WorkingCalendar.standard.workingHours)
        #expect(config.calendar.restDays == [.saturday, .sunday])
        #expect(config.calendar.holidays == [LocalDate(iso: "2026-10-01")!])
    }

    @Test("person(_:) finds people by id")
    func personLookup() throws {
        let config = try ConfigLoader.parse(yaml: "people: [{id: a, name: A}, {id: b, name: B}]", file: "t.yaml")
        #expect(config.person("b")?.name == "B")
        #expect(config.person("c") == nil)
    }
}
