import Foundation
import OncallCore

extension DaemonConfigReader {
    /// `calendar.*`: unset keys keep the standard calendar's value; `key` is where calendar-wide errors point.
    func readCalendar(_ node: ConfigNode, key: ConfigNode) throws(ConfigError) -> WorkingCalendar {
        let standard = WorkingCalendar.standard
        let map = try node.mapping(keys: ["time_zone", "working_hours", "rest_days", "holidays", "makeup_days"])
        var timeZone = standard.timeZone
        if let value = map["time_zone"] {
            let name = try value.nonEmptyString()
            guard let zone = TimeZone(identifier: name) else {
                throw value.error("unknown time zone '\(name)'; use an IANA name such as Asia/Shanghai")
            }
            timeZone = zone
        }
        var workingHours = standard.workingHours
        if let value = map["working_hours"] {
            workingHours = []
            for element in try value.list() {
                let text = try element.string()
                guard let span = WorkingHours(range: text) else {
                    throw element.error("'\(text)' is not a span of the day; expected HH:MM-HH:MM such as 09:00-12:00")
                }
                workingHours.append(span)
            }
        }
        var restDays = standard.restDays
        if let value = map["rest_days"] { restDays = try readRestDays(value) }
        let holidays = try map["holidays"].map { node throws(ConfigError) in try readDates(node) } ?? [:]
        let makeupDays = try map["makeup_days"].map { node throws(ConfigError) in try readDates(node) } ?? [:]
        // Point at the make-up day itself rather than at the whole calendar.
        if let clash = makeupDays.keys.filter({ holidays[$0] != nil }).min(), let entry = makeupDays[clash] {
            let line = holidays[clash]?.node.mark?.line ?? 0
            throw entry.error("\(clash) is also a holiday (line \(line)); a day cannot be both")
        }
        do {
            return try WorkingCalendar(
                timeZone: timeZone, workingHours: workingHours, restDays: restDays,
                holidays: Set(holidays.keys), makeupDays: Set(makeupDays.keys))
        } catch {
            // CalendarError speaks in sentences; the config error format is one clause.
            let sentence = error.description
            throw key.error(sentence.hasSuffix(".") ? String(sentence.dropLast()) : sentence)
        }
    }

    private func readRestDays(_ node: ConfigNode) throws(ConfigError) -> Set<Weekday> {
        var days: [Weekday: Int] = [:]
        for element in try node.list() {
            let name = try element.string()
            guard let day = Weekday(name: name) else {
                let english = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
                let hint = KeySuggester.hint(for: name, among: english)
                throw element.error("'\(name)' is not a day of the week\(hint)")
            }
            if let first = days[day] {
                throw element.error("'\(name)' repeats the day at line \(first)")
            }
            days[day] = element.node.mark?.line ?? 0
        }
        return Set(days.keys)
    }

    /// Every date named by the list, each with the entry that named it (for later errors).
    private func readDates(_ node: ConfigNode) throws(ConfigError) -> [LocalDate: ConfigNode] {
        var dates: [LocalDate: ConfigNode] = [:]
        for element in try node.list() {
            // Unquoted 2026-10-01 is a YAML timestamp; its text as written is what we parse.
            let text = try element.text(
                expected: "a date (YYYY-MM-DD) or a range (YYYY-MM-DD..YYYY-MM-DD)", accepting: [.timestamp])
            for date in try element.check({ () throws(ValueProblem) in try DateRangeParser.parse(text) }) {
                dates[date] = dates[date] ?? element
            }
        }
        return dates
    }
}
