import OncallCore
import Testing
@testable import OncallConfig

@Suite("Errors: bad values")
struct ValueErrorTests {
    @Test("bad values fail at their line and key", arguments: [
        ("escalation:\n  emergency_after: 10 minutes\n", 2, "escalation.emergency_after", "not a duration"),
        ("escalation:\n  emergency_after: -5m\n", 2, "escalation.emergency_after", "not a duration"),
        ("escalation:\n  emergency_after: 600\n", 2, "escalation.emergency_after", "not a duration"),
        ("escalation:\n  emergency_after_by_level:\n    4: 0s\n", 3, "escalation.emergency_after_by_level.4", "unknown level"),
        ("escalation:\n  emergency_after_by_level:\n    1: soon\n", 3, "escalation.emergency_after_by_level.1", "not a duration"),
        ("escalation:\n  emergency_after_by_level:\n    1: 0s\n    level1: 5m\n", 4, "escalation.emergency_after_by_level.level1", "given twice"),
        ("levels:\n  level2_after: 0s\n", 2, "levels.level2_after", "greater than zero"),
        ("http:\n  max_body: 1MB\n", 2, "http.max_body", "KiB, MiB or GiB"),
        ("http:\n  max_body: 0\n", 2, "http.max_body", "greater than zero"),
        ("http:\n  max_body: 1.5\n", 2, "http.max_body", "expected a size"),
        ("http:\n  request_timeout: 0s\n", 2, "http.request_timeout", "from 1s to 1h"),
        ("http:\n  request_timeout: 30\n", 2, "http.request_timeout", "not a duration"),
        ("http:\n  max_connections: 0\n", 2, "http.max_connections", "from 1 to 100000"),
        ("http:\n  max_connections: many\n", 2, "http.max_connections", "whole number"),
        ("socket:\n  mode: \"0980\"\n", 2, "socket.mode", "octal"),
        ("socket:\n  mode: 1777\n", 2, "socket.mode", "special bits"),
        ("socket:\n  path: \"\"\n", 2, "socket.path", "must not be empty"),
        ("socket:\n  path: /\(String(repeating: "x", count: 107))\n", 2, "socket.path", "limited to 107"),
        ("socket:\n  allowed_users: [alice, \"-rf\"]\n", 2, "socket.allowed_users[1]", "not a valid Unix user"),
        ("socket:\n  group: \"bad group\"\n", 2, "socket.group", "Unix"),
        ("log:\n  level: verbose\n", 2, "log.level", "unknown log level"),
        ("log:\n  level: warn\n", 2, "log.level", "did you mean 'warning'"),
        ("calendar:\n  time_zone: Asia/Shangai\n", 2, "calendar.time_zone", "unknown time zone"),
        ("calendar:\n  working_hours: [\"9-12\"]\n", 2, "calendar.working_hours[0]", "HH:MM-HH:MM"),
        ("calendar:\n  rest_days: [saterday]\n", 2, "calendar.rest_days[0]", "did you mean 'saturday'"),
        ("calendar:\n  rest_days: [sat, saturday]\n", 2, "calendar.rest_days[1]", "repeats"),
        ("calendar:\n  holidays:\n    - 2026-10-01\n    - 2026-02-30\n", 4, "calendar.holidays[1]", "not a valid date"),
        ("calendar:\n  holidays:\n    - 2026-10-07..2026-10-01\n", 3, "calendar.holidays[0]", "before its start"),
        ("calendar:\n  makeup_days:\n    - 2026-01-01..2027-06-30\n", 3, "calendar.makeup_days[0]", "longer than 366 days"),
        ("calendar:\n  holidays: 2026-10-01\n", 2, "calendar.holidays", "expected a list, found a date"),
    ] as [(String, Int, String, String)])
    func badValue(yaml: String, line: Int, key: String, message: String) throws {
        let error = try #require(ConfigFixtures.error(yaml))
        #expect(error.line == line)
        #expect(error.key == key)
        #expect(error.message.contains(message), "\(error)")
    }

    @Test("levels.level1_after must be greater than levels.level2_after")
    func levelOrder() throws {
        let yaml = """
            levels:
              level2_after: 30m
              level1_after: 30m
            """
        let error = try #require(ConfigFixtures.error(yaml))
        #expect(error.line == 3)
        #expect(error.key == "levels.level1_after")
        #expect(error.message.contains("greater than"))
        // Only level2_after given, above the default level1_after: blamed at level2_after.
        let only2 = try #require(ConfigFixtures.error("levels:\n  level2_after: 2h\n"))
        #expect(only2.line == 2)
        #expect(only2.key == "levels.level2_after")
    }

    @Test("emergency_after_by_level accepts 1, \"2\" and level3 as keys")
    func levelKeys() throws {
        let yaml = """
            escalation:
              emergency_after: 15m
              emergency_after_by_level:
                1: 0s
                "2": 5m
                level3: 1h
            """
        let config = try ConfigLoader.parse(yaml: yaml, file: "t.yaml")
        #expect(config.policy.escalation.emergencyAfter == .seconds(900))
        #expect(config.policy.escalation.emergencyAfterByLevel == [.level1: .zero, .level2: .seconds(300), .level3: .seconds(3600)])
    }

    @Test("socket mode as quoted or unquoted octal, max_body as a YAML int, phone and chat ids as ints")
    func scalarForms() throws {
        let yaml = """
            socket:
              mode: 0600
              group: oncall
              allowed_users: [helpdesk, deploy-bot]
            http:
              max_body: 2048
            people:
              - id: a
                name: A
                phone: +8613800000001
                chat: {dingtalk: 12345}
            """
        let config = try ConfigLoader.parse(yaml: yaml, file: "t.yaml")
        #expect(config.socket.mode == 0o600)
        #expect(config.socket.group == "oncall")
        #expect(config.socket.allowedUsers == ["helpdesk", "deploy-bot"])
        #expect(config.http.maxBodyBytes == 2048)
        #expect(config.people[0].phone == "+8613800000001")
        #expect(config.people[0].chat == ["dingtalk": "12345"])
    }

    @Test("holiday ranges and Chinese rest-day names")
    func calendarForms() throws {
        let yaml = """
            calendar:
              time_zone: UTC
              working_hours: ["08:30-17:30"]
              rest_days: [周日]
              holidays: [2026-10-01..2026-10-03, "2026-12-25"]
              makeup_days: [2026-10-11]
            """
        let calendar = try ConfigLoader.parse(yaml: yaml, file: "t.yaml").calendar
        // Foundation on Linux may name UTC "GMT"; the offset is what matters.
        #expect(calendar.timeZone.secondsFromGMT() == 0)
        #expect(calendar.workingHours.map(\.description) == ["08:30-17:30"])
        #expect(calendar.restDays == [.sunday])
        #expect(calendar.holidays.map(\.description).sorted() == ["2026-10-01", "2026-10-02", "2026-10-03", "2026-12-25"])
        #expect(calendar.makeupDays.map(\.description) == ["2026-10-11"])
    }

    @Test("a calendar the WorkingCalendar rejects is reported at the calendar key")
    func calendarInitError() throws {
        let yaml = """
            state_dir: /a

            calendar:
              working_hours: ["09:00-12:00", "11:00-18:00"]
            """
        let error = try #require(ConfigFixtures.error(yaml))
        #expect(error.line == 3)
        #expect(error.key == "calendar")
        #expect(error.message.contains("overlap"))
        let allRest = try #require(ConfigFixtures.error(
            "calendar:\n  rest_days: [mon, tue, wed, thu, fri, sat, sun]\n"))
        #expect(allRest.line == 1)
        #expect(allRest.key == "calendar")
    }

    @Test("a day that is both a holiday and a make-up day fails at the make-up entry")
    func holidayAndMakeupDay() throws {
        let yaml = """
            calendar:
              holidays:
                - 2026-10-01..2026-10-07
              makeup_days:
                - 2026-10-10
                - 2026-10-05
            """
        let error = try #require(ConfigFixtures.error(yaml))
        #expect(error.line == 6)
        #expect(error.key == "calendar.makeup_days[1]")
        #expect(error.message.contains("line 3"))
    }
}
