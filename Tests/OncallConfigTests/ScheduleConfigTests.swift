import Foundation
import OncallCore
import OncallTesting
import Testing
@testable import OncallConfig


@Suite("Config: schedules")
struct ScheduleConfigTests {
    /// Lines 1–7; a `schedules:` section appended to it starts at line 8.
    static let people = """
        people:
          - id: li.na
            name: 李娜
          - id: wang.fang
            name: 王芳
          - id: chen.jie
            name: 陈杰

        """

    /// A valid schedule, lines 8–18, that the error tests break one line at a time.
    static let valid = """
        schedules:
          - id: primary
            name: 一线值班
            layers:
              - rotation:
                  engineers: [li.na, wang.fang]
                  handoff: weekly
                  handoff_day: monday
                  handoff_time: "09:00"
                  start: 2026-11-02T09:00:00+08:00
                restrict: working_hours

        """

    @Test("an empty file has no schedules")
    func defaultIsEmpty() throws {
        #expect(try ConfigLoader.parse(yaml: "", file: "t.yaml").schedules == [])
        #expect(DaemonConfig.defaults.schedules == [])
    }

    @Test("a full section reads back, with defaults and the calendar's time zone")
    func readsBack() throws {
        let yaml = Self.people + """
            calendar:
              time_zone: America/New_York
            schedules:
              - id: primary
                name: 一线值班
                layers:
                  - rotation:
                      engineers: [li.na, wang.fang]
                      handoff: weekly
                      handoff_day: 周一
                      start: 2026-11-02T09:00:00-05:00
                  - rotation:
                      engineers: [chen.jie]
                      handoff: daily
                      handoff_time: 18:30
                      start: "2026-11-02 18:30"
                    restrict: out_of_hours
                overrides:
                  - person: chen.jie
                    start: 2026-12-24T18:00:00Z
                    end: 2026-12-26T09:00:00Z
              - id: database
                name: 数据库
                layers:
                  - rotation: {engineers: [wang.fang], handoff: daily, handoff_time: 9:00, start: 2026-11-01T00:00Z}
                    restrict: working_hours
            """
        let config = try ConfigLoader.parse(yaml: yaml, file: "t.yaml")
        let newYork = try #require(TimeZone(identifier: "America/New_York"))
        let nine = TimeOfDay(hour: 9, minute: 0)!
        #expect(config.schedules == [
            OnCallSchedule(
                id: "primary", name: "一线值班",
                layers: [
                    ScheduleLayer(rotation: Rotation(
                        id: "primary.layers[0]", engineers: ["li.na", "wang.fang"], cadence: .weekly(.monday),
                        handoffTime: nine, timeZone: newYork, start: at("2026-11-02 09:00", offset: -5))),
                    ScheduleLayer(
                        rotation: Rotation(
                            id: "primary.layers[1]", engineers: ["chen.jie"], cadence: .daily,
                            handoffTime: TimeOfDay(hour: 18, minute: 30)!, timeZone: newYork,
                            start: at("2026-11-02 18:30", offset: -5)),  // no offset: calendar.time_zone
                        restriction: .outOfHours),
                ],
                overrides: [ScheduleOverride(
                    person: "chen.jie", start: at("2026-12-24 18:00", offset: 0), end: at("2026-12-26 09:00", offset: 0))]),
            OnCallSchedule(
                id: "database", name: "数据库",
                layers: [ScheduleLayer(
                    rotation: Rotation(
                        id: "database.layers[0]", engineers: ["wang.fang"], cadence: .daily, handoffTime: nine,
                        timeZone: newYork, start: at("2026-11-01 00:00", offset: 0)),
                    restriction: .workingHours)]),
        ])
    }

    @Test("dates and times", arguments: [
        ("2026-11-02T09:00:00+08:00", "2026-11-02 09:00", 8),
        ("2026-11-02T09:00+08:00", "2026-11-02 09:00", 8),
        ("2026-11-02 09:00:30+0800", "2026-11-02 09:00:30", 8),
        ("2026-11-02t09:00+08", "2026-11-02 09:00", 8),
        ("2026-11-02T01:00:00Z", "2026-11-02 09:00", 8),
        ("2026-11-02T09:00:00-05:30", "2026-11-02 14:30", 0),
        ("2026-11-02T09:00", "2026-11-02 09:00", 8),  // no offset: the given zone (Shanghai)
        (" 2026-11-02 09:00 ", "2026-11-02 09:00", 8),
    ] as [(String, String, Int)])
    func parsesInstants(text: String, expected: String, offset: Int) throws {
        let shanghai = try #require(TimeZone(identifier: "Asia/Shanghai"))
        #expect(DaemonConfigReader.parseInstant(text, timeZone: shanghai) == at(expected, offset: offset))
    }

    @Test("not dates and times", arguments: [
        "2026-11-02", "2026-11-02T9:00", "2026-11-02T24:00", "2026-11-02T09:60", "2026-11-02T09:00:61",
        "2026-13-02T09:00", "2026-02-29T09:00", "2026-11-02T09:00+19:00", "2026-11-02T09:00+8",
        "2026-11-02T09:00 +08:00", "2026-11-02T09:00:00.5Z", "2026-11-02X09:00", "yesterday", "",
        "2026-11-02T09:00Zulu", "２０２６-11-02T09:00",
    ])
    func rejectsInstants(text: String) {
        #expect(DaemonConfigReader.parseInstant(text, timeZone: .gmt) == nil)
    }

    @Test("the valid fixture parses")
    func validFixture() throws {
        let config = try ConfigLoader.parse(yaml: Self.people + Self.valid, file: "t.yaml")
        #expect(config.schedules.map(\.id) == ["primary"])
        #expect(config.schedules[0].layers[0].restriction == .workingHours)
    }

    /// `valid` with `old` replaced by `new` (which must occur exactly once).
    static func broken(_ old: String, _ new: String) -> String {
        precondition(valid.components(separatedBy: old).count == 2, "'\(old)' must occur once")
        return people + valid.replacingOccurrences(of: old, with: new)
    }

    @Test("schedule errors point at the offending line and key", arguments: [
        // Unknown keys, with suggestions.
        (broken("    name: 一线值班", "    nme: 一线值班"), 10, "schedules[0].nme", "did you mean 'name'?"),
        (broken("        restrict: working_hours", "        restrict: working_hours\n        restriction: x"),
         19, "schedules[0].layers[0].restriction", "did you mean 'restrict'?"),
        (broken("          handoff_day: monday", "          handoff_dya: monday"),
         15, "schedules[0].layers[0].rotation.handoff_dya", "did you mean 'handoff_day'?"),
        (broken("          start: 2026", "          begin: 2026"),
         17, "schedules[0].layers[0].rotation.begin", "unknown key"),
        // People.
        (broken("[li.na, wang.fang]", "[li.na, wang.fnag]"),
         13, "schedules[0].layers[0].rotation.engineers[1]", "'wang.fnag' is not defined under people (did you mean 'wang.fang'?)"),
        (broken("[li.na, wang.fang]", "[li.na, li.na]"),
         13, "schedules[0].layers[0].rotation.engineers[1]", "listed twice"),
        (broken("[li.na, wang.fang]", "[]"),
         13, "schedules[0].layers[0].rotation.engineers", "at least one engineer"),
        (broken("[li.na, wang.fang]", "li.na"),
         13, "schedules[0].layers[0].rotation.engineers", "expected a list, found a string"),
        // Cadence.
        (broken("handoff: weekly", "handoff: daily"),
         15, "schedules[0].layers[0].rotation.handoff_day", "only applies to weekly hand-offs"),
        (broken("          handoff_day: monday\n", ""),
         13, "schedules[0].layers[0].rotation.handoff_day", "required when handoff is weekly"),
        (broken("handoff: weekly", "handoff: weekyl"),
         14, "schedules[0].layers[0].rotation.handoff", "unknown hand-off 'weekyl' (did you mean 'weekly'?)"),
        (broken("handoff: weekly", "handoff: monthly"),
         14, "schedules[0].layers[0].rotation.handoff", "expected daily or weekly"),
        (broken("handoff_day: monday", "handoff_day: mondya"),
         15, "schedules[0].layers[0].rotation.handoff_day", "'mondya' is not a day of the week (did you mean 'monday'?)"),
        // Times and dates.
        (broken("\"09:00\"", "\"25:00\""), 16, "schedules[0].layers[0].rotation.handoff_time", "not a time of day"),
        (broken("\"09:00\"", "\"24:00\""), 16, "schedules[0].layers[0].rotation.handoff_time", "not a time of day"),
        (broken("\"09:00\"", "9am"), 16, "schedules[0].layers[0].rotation.handoff_time", "not a time of day"),
        (broken("\"09:00\"", "true"), 16, "schedules[0].layers[0].rotation.handoff_time", "expected a time such as \"09:00\", found a boolean"),
        (broken("2026-11-02T09:00:00+08:00", "2026-11-02"),
         17, "schedules[0].layers[0].rotation.start", "'2026-11-02' is not a date and time"),
        (broken("2026-11-02T09:00:00+08:00", "2026-11-31T09:00:00+08:00"),
         17, "schedules[0].layers[0].rotation.start", "is not a date and time"),
        (broken("2026-11-02T09:00:00+08:00", "20261102"),
         17, "schedules[0].layers[0].rotation.start", "expected a date and time such as 2026-11-02T09:00:00+08:00, found a number"),
        // Restriction.
        (broken("restrict: working_hours", "restrict: workinghours"),
         18, "schedules[0].layers[0].restrict", "unknown restriction 'workinghours' (did you mean 'working_hours'?)"),
        (broken("restrict: working_hours", "restrict: office"),
         18, "schedules[0].layers[0].restrict", "expected one of: always, working_hours, out_of_hours"),
        // Shape and required keys.
        (broken("  - id: primary\n    name:", "  - name:"), 9, "schedules[0].id", "required key is missing"),
        (broken("    name: 一线值班\n", ""), 9, "schedules[0].name", "required key is missing"),
        (broken("          handoff: weekly\n", ""), 13, "schedules[0].layers[0].rotation.handoff", "required key is missing"),
        (broken("          start: 2026-11-02T09:00:00+08:00\n", ""), 13, "schedules[0].layers[0].rotation.start", "required key is missing"),
        (people + "schedules:\n  - id: p\n    name: P\n    layers:\n      - rotation: weekly\n",
         12, "schedules[0].layers[0].rotation", "expected a mapping, found a string"),
        (broken("  - id: primary", "  - id: pri mary"), 9, "schedules[0].id", "must not contain spaces"),
        ("schedules: primary\n", 1, "schedules", "expected a list, found a string"),
        (people + "schedules:\n  - id: p\n    name: P\n    layers: []\n", 11, "schedules[0].layers", "at least one layer"),
    ] as [(String, Int, String, String)])
    func scheduleError(yaml: String, line: Int, key: String, message: String) throws {
        let error = try #require(ConfigFixtures.error(yaml))
        #expect(error.line == line, "\(error)")
        #expect(error.key == key, "\(error)")
        #expect(error.message.contains(message), "\(error)")
    }

    @Test("a duplicate schedule id fails at the second id, naming the first line")
    func duplicateId() throws {
        let second = """
              - id: primary
                name: 又一个
                layers:
                  - rotation: {engineers: [chen.jie], handoff: daily, start: 2026-11-02T09:00:00+08:00}
            """
        let error = try #require(ConfigFixtures.error(Self.people + Self.valid + second))
        #expect(error.line == 19)
        #expect(error.column == 9)
        #expect(error.key == "schedules[1].id")
        #expect(error.message == "duplicate schedule id 'primary' (first at line 9)")
    }

    @Test("override errors", arguments: [
        // (start, end, person, line, key, message); the override's lines are 19–22.
        ("2026-12-26T09:00:00+08:00", "2026-12-24T18:00:00+08:00", "wang.fang",
         22, "schedules[0].overrides[0].end", "must end after it starts (start is at line 21)"),
        ("2026-12-24T18:00:00+08:00", "2026-12-24T18:00:00+08:00", "wang.fang",
         22, "schedules[0].overrides[0].end", "must end after it starts"),
        // Equal instants written in two offsets are still empty.
        ("2026-12-24T18:00:00+08:00", "2026-12-24T10:00:00Z", "wang.fang",
         22, "schedules[0].overrides[0].end", "must end after it starts"),
        ("2026-12-24T18:00:00+08:00", "2026-12-26", "wang.fang",
         22, "schedules[0].overrides[0].end", "is not a date and time"),
        ("2026-12-24T18:00:00+08:00", "2026-12-26T09:00:00+08:00", "zhang.wei",
         20, "schedules[0].overrides[0].person", "'zhang.wei' is not defined under people"),
    ] as [(String, String, String, Int, String, String)])
    func overrideError(start: String, end: String, person: String, line: Int, key: String, message: String) throws {
        let yaml = Self.people + Self.valid + """
                overrides:
                  - person: \(person)
                    start: \(start)
                    end: \(end)
            """
        let error = try #require(ConfigFixtures.error(yaml))
        #expect(error.line == line, "\(error)")
        #expect(error.key == key, "\(error)")
        #expect(error.message.contains(message), "\(error)")
    }

    @Test("unknown and missing override keys")
    func overrideKeys() throws {
        let unknown = try #require(ConfigFixtures.error(Self.people + Self.valid + """
                overrides:
                  - person: li.na
                    from: 2026-12-24T18:00:00+08:00
            """))
        #expect(unknown.line == 21)
        #expect(unknown.key == "schedules[0].overrides[0].from")
        #expect(unknown.message.contains("expected one of: person, start, end"))
        let missing = try #require(ConfigFixtures.error(Self.people + Self.valid + """
                overrides:
                  - person: li.na
                    start: 2026-12-24T18:00:00+08:00
            """))
        #expect(missing.key == "schedules[0].overrides[0].end")
        #expect(missing.message == "required key is missing")
    }

    @Test("the error reads as file:line:col: key: message")
    func errorFormat() throws {
        let error = try #require(ConfigFixtures.error(
            Self.broken("[li.na, wang.fang]", "[li.na, nobody]"), file: "config/oncalld.yaml"))
        #expect(error.description
            == "config/oncalld.yaml:13:30: schedules[0].layers[0].rotation.engineers[1]: 'nobody' is not defined under people")
    }
}
