import Foundation
import OncallCore
import Testing
@testable import OncallConfig

@Suite("Config: postmortem and reports")
struct PostmortemReportsConfigTests {
    /// A valid file, lines 1–13, that the error tests break one line at a time.
    static let valid = """
        people:
          - id: zhang.wei
            name: 张伟
          - id: li.na
            name: 李娜
        postmortem:
          remind_after: 3
          reminders: 5
        reports:
          recipients: [zhang.wei, li.na]
          weekly: false
          monthly: true
          at: "07:30"

        """

    /// `valid` with `old` (which must occur exactly once) replaced by `new`.
    static func broken(_ old: String, _ new: String) -> String {
        precondition(valid.components(separatedBy: old).count == 2, "'\(old)' must occur once in the fixture")
        return valid.replacingOccurrences(of: old, with: new)
    }

    static func error(_ old: String, _ new: String) throws -> ConfigError {
        try #require(ConfigFixtures.error(broken(old, new), file: "t.yaml"))
    }

    // MARK: - Defaults and the valid example

    @Test("an empty file, or empty sections, give the defaults")
    func defaults() throws {
        let eight = try #require(TimeOfDay(hour: 8, minute: 0))
        for yaml in ["", "postmortem: {}\nreports: {}\n", "postmortem:\n  reminders: 3\n"] {
            let config = try ConfigLoader.parse(yaml: yaml, file: "t.yaml")
            #expect(config.postmortem == PostmortemConfig(remindAfterWorkingDays: 2, reminders: 3))
            #expect(config.reports == ReportsConfig(recipients: [], weekly: true, monthly: true, at: eight))
        }
        #expect(DaemonConfig.defaults.postmortem == PostmortemConfig())
        #expect(DaemonConfig.defaults.reports == ReportsConfig())
        #expect(ReportsConfig().at.description == "08:00")
    }

    @Test("the valid example reads back")
    func readsBack() throws {
        let config = try ConfigLoader.parse(yaml: Self.valid, file: "t.yaml")
        #expect(config.postmortem == PostmortemConfig(remindAfterWorkingDays: 3, reminders: 5))
        #expect(config.reports.recipients == ["zhang.wei", "li.na"])
        #expect(config.reports.weekly == false)
        #expect(config.reports.monthly == true)
        #expect(config.reports.at == TimeOfDay(hour: 7, minute: 30))
    }

    @Test("reminders may be 0 (off) or 10; remind_after may be large", arguments: [
        ("reminders: 5", "reminders: 0"), ("reminders: 5", "reminders: 10"), ("remind_after: 3", "remind_after: 1"),
        ("remind_after: 3", "remind_after: 20"),
    ])
    func bounds(old: String, new: String) throws {
        _ = try ConfigLoader.parse(yaml: Self.broken(old, new), file: "t.yaml")
    }

    @Test("at accepts HH:MM, H:MM, unquoted, from 00:00 to 23:59", arguments: [
        ("\"00:00\"", 0), ("\"23:59\"", 23 * 60 + 59), ("\"8:05\"", 8 * 60 + 5), ("07:30", 7 * 60 + 30), ("18:00", 18 * 60),
    ])
    func times(text: String, minutes: Int) throws {
        let config = try ConfigLoader.parse(yaml: Self.broken("at: \"07:30\"", "at: \(text)"), file: "t.yaml")
        #expect(config.reports.at.minutes == minutes)
    }

    @Test("the documented example's postmortem, reports and web sections read back")
    func example() throws {
        let config = try ConfigLoader.load(path: ConfigFixtures.examplePath)
        #expect(config.postmortem == PostmortemConfig(remindAfterWorkingDays: 2, reminders: 3))
        #expect(config.reports.weekly && config.reports.monthly)
        #expect(config.reports.at.description == "08:00")
        #expect(config.reports.recipients.allSatisfy { config.person($0) != nil })
        #expect(config.web.enabled)
        #expect(config.web.secureCookies == "auto")
        #expect(config.web.sessionLifetime == .seconds(8 * 3600))
    }

    // MARK: - Errors

    @Test("unknown keys fail at their line with a suggestion", arguments: [
        ("remind_after: 3", "remind_afer: 3", 7, "postmortem.remind_afer", "'remind_after'"),
        ("reminders: 5", "reminder: 5", 8, "postmortem.reminder", "'reminders'"),
        ("recipients: [zhang.wei, li.na]", "recipents: [zhang.wei, li.na]", 10, "reports.recipents", "'recipients'"),
        ("weekly: false", "weekley: false", 11, "reports.weekley", "'weekly'"),
        ("at: \"07:30\"", "time: \"07:30\"", 13, "reports.time", "expected one of: recipients, weekly, monthly, at"),
        ("postmortem:", "postmortems:", 6, "postmortems", "'postmortem'"),
        ("reports:", "report:", 9, "report", "'reports'"),
    ])
    func unknownKey(old: String, new: String, line: Int, key: String, hint: String) throws {
        let error = try Self.error(old, new)
        #expect(error.line == line)
        #expect(error.key == key)
        #expect(error.message.hasPrefix("unknown key"))
        #expect(error.message.contains(hint), "\(error)")
    }

    @Test("bad values fail at file:line:col of the value", arguments: [
        ("remind_after: 3", "remind_after: 0", 7, 17, "postmortem.remind_after", "at least 1, found '0'"),
        ("remind_after: 3", "remind_after: -1", 7, 17, "postmortem.remind_after", "at least 1, found '-1'"),
        ("remind_after: 3", "remind_after: 2d", 7, 17, "postmortem.remind_after", "at least 1, found '2d'"),
        ("remind_after: 3", "remind_after: 1.5", 7, 17, "postmortem.remind_after", "expected a whole number of working days, found a number"),
        ("reminders: 5", "reminders: 11", 8, 14, "postmortem.reminders", "from 0 to 10, found '11'"),
        ("reminders: 5", "reminders: -1", 8, 14, "postmortem.reminders", "from 0 to 10, found '-1'"),
        ("weekly: false", "weekly: sometimes", 11, 11, "reports.weekly", "expected true or false, found 'sometimes'"),
        ("monthly: true", "monthly: 1", 12, 12, "reports.monthly", "expected true or false, found a number"),
        ("at: \"07:30\"", "at: \"24:00\"", 13, 7, "reports.at", "'24:00' is not a time of day"),
        ("at: \"07:30\"", "at: 8am", 13, 7, "reports.at", "'8am' is not a time of day; expected HH:MM"),
        ("at: \"07:30\"", "at: [08:00]", 13, 7, "reports.at", "expected a time such as \"09:00\", found a list"),
        ("recipients: [zhang.wei, li.na]", "recipients: zhang.wei", 10, 15, "reports.recipients", "expected a list, found a string"),
        ("recipients: [zhang.wei, li.na]", "recipients: [li.na, li.na]", 10, 23, "reports.recipients[1]", "'li.na' is listed twice"),
        ("postmortem:\n  remind_after: 3\n  reminders: 5", "postmortem: 3", 6, 13, "postmortem", "expected a mapping, found a number"),
    ])
    func badValue(old: String, new: String, line: Int, column: Int, key: String, message: String) throws {
        let error = try Self.error(old, new)
        #expect(error.file == "t.yaml")
        #expect(error.line == line)
        #expect(error.column == column)
        #expect(error.key == key)
        #expect(error.message.contains(message), "\(error)")
        #expect(error.description.hasPrefix("t.yaml:\(line):\(column): \(key): "))
    }

    @Test("a recipient not under people is named, with a suggestion")
    func unknownRecipient() throws {
        let error = try Self.error("recipients: [zhang.wei, li.na]", "recipients: [zhang.wei, li.nb]")
        #expect(error == ConfigError(
            file: "t.yaml", line: 10, column: 27, key: "reports.recipients[1]",
            message: "'li.nb' is not defined under people (did you mean 'li.na'?)"))
        let far = try Self.error("recipients: [zhang.wei, li.na]", "recipients: [nobody]")
        #expect(far.message == "'nobody' is not defined under people")
    }
}
