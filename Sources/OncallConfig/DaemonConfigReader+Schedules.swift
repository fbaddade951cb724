import Foundation
import OncallCore

extension DaemonConfigReader {
    static let scheduleKeys = ["id", "name", "layers", "overrides"]
    static let scheduleLayerKeys = ["rotation", "restrict"]
    static let rotationKeys = ["engineers", "handoff", "handoff_day", "handoff_time", "start"]
    static let scheduleOverrideKeys = ["person", "start", "end"]
    static let handoffCadences = ["daily", "weekly"]
    /// The hand-off time when `handoff_time` is not given.
    static let defaultHandoffTime = TimeOfDay(hour: 9, minute: 0)!

    /// `schedules`: ids unique, every person defined under `people`; hand-off times, and start
    /// times without an offset, are read in `timeZone` (`calendar.time_zone`).
    func readSchedules(
        _ node: ConfigNode, people: [String: Person], timeZone: TimeZone
    ) throws(ConfigError) -> [OnCallSchedule] {
        var schedules: [OnCallSchedule] = []
        var idLines: [String: Int] = [:]
        for element in try node.list() {
            let map = try element.mapping(keys: Self.scheduleKeys)
            let idNode = try map.required("id")
            let id = try idNode.nonEmptyString()
            guard !id.contains(where: { $0.isWhitespace || $0 == "," }) else {
                throw idNode.error("schedule id '\(id)' must not contain spaces or commas (e.g. primary)")
            }
            if let first = idLines[id] {
                throw idNode.error("duplicate schedule id '\(id)' (first at line \(first))")
            }
            idLines[id] = idNode.node.mark?.line ?? 0
            let name = try map.required("name").nonEmptyString()
            let layersNode = try map.required("layers")
            var layers: [ScheduleLayer] = []
            for (index, layer) in try layersNode.list().enumerated() {
                layers.append(try readLayer(layer, id: "\(id).layers[\(index)]", people: people, timeZone: timeZone))
            }
            guard !layers.isEmpty else {
                throw layersNode.error("a schedule needs at least one layer")
            }
            var overrides: [ScheduleOverride] = []
            if let value = map["overrides"] {
                for override in try value.list() {
                    overrides.append(try readOverride(override, people: people, timeZone: timeZone))
                }
            }
            schedules.append(OnCallSchedule(id: id, name: name, layers: layers, overrides: overrides))
        }
        return schedules
    }

    /// One `layers[]` entry: a rotation and when it applies.
    private func readLayer(
        _ node: ConfigNode, id: String, people: [String: Person], timeZone: TimeZone
    ) throws(ConfigError) -> ScheduleLayer {
        let map = try node.mapping(keys: Self.scheduleLayerKeys)
        let rotation = try readRotation(try map.required("rotation"), id: id, people: people, timeZone: timeZone)
        var restriction = LayerRestriction.always
        if let value = map["restrict"] {
            let text = try value.string()
            let names = LayerRestriction.allCases.map(\.rawValue)
            guard let parsed = LayerRestriction(rawValue: text) else {
                let hint = KeySuggester.hint(for: text, among: names)
                throw value.error("unknown restriction '\(text)'" + (hint.isEmpty ? " (expected one of: \(names.joined(separator: ", ")))" : hint))
            }
            restriction = parsed
        }
        return ScheduleLayer(rotation: rotation, restriction: restriction)
    }

    /// `layers[].rotation`: engineers, cadence, hand-off time and start.
    private func readRotation(
        _ node: ConfigNode, id: String, people: [String: Person], timeZone: TimeZone
    ) throws(ConfigError) -> Rotation {
        let map = try node.mapping(keys: Self.rotationKeys)
        let engineersNode = try map.required("engineers")
        let engineers = try readGroup(engineersNode, people: people)
        guard !engineers.isEmpty else {
            throw engineersNode.error("a rotation needs at least one engineer")
        }
        let handoffNode = try map.required("handoff")
        let handoff = try handoffNode.string()
        let cadence: HandoffCadence
        switch handoff {
        case "daily":
            if let day = map.keyNode("handoff_day") {
                throw day.error("handoff_day only applies to weekly hand-offs (handoff is daily)")
            }
            cadence = .daily
        case "weekly":
            guard let dayNode = map["handoff_day"] else {
                let missing = ConfigNode(node: node.node, path: node.path.appending("handoff_day"), file: file)
                throw missing.error("required when handoff is weekly (e.g. handoff_day: monday)")
            }
            cadence = .weekly(try scheduleWeekday(dayNode))
        default:
            let hint = KeySuggester.hint(for: handoff, among: Self.handoffCadences)
            throw handoffNode.error("unknown hand-off '\(handoff)'" + (hint.isEmpty ? " (expected daily or weekly)" : hint))
        }
        let handoffTime = try map["handoff_time"].map { value throws(ConfigError) in try timeOfDay(value) }
            ?? Self.defaultHandoffTime
        let start = try scheduleInstant(try map.required("start"), timeZone: timeZone)
        return Rotation(
            id: id, engineers: engineers, cadence: cadence, handoffTime: handoffTime, timeZone: timeZone, start: start)
    }

    /// One `overrides[]` entry: a person covering `[start, end)`.
    private func readOverride(
        _ node: ConfigNode, people: [String: Person], timeZone: TimeZone
    ) throws(ConfigError) -> ScheduleOverride {
        let map = try node.mapping(keys: Self.scheduleOverrideKeys)
        let personNode = try map.required("person")
        let person = try personNode.nonEmptyString()
        guard people[person] != nil else {
            let hint = KeySuggester.hint(for: person, among: people.keys.sorted())
            throw personNode.error("'\(person)' is not defined under people\(hint)")
        }
        let start = try scheduleInstant(try map.required("start"), timeZone: timeZone)
        let endNode = try map.required("end")
        let end = try scheduleInstant(endNode, timeZone: timeZone)
        guard end > start else {
            throw endNode.error("the override must end after it starts (start is at line \(map["start"]?.node.mark?.line ?? 0))")
        }
        return ScheduleOverride(person: person, start: start, end: end)
    }

    // MARK: - Values

    /// A day of the week, in English or Chinese, as `calendar.rest_days` takes it.
    func scheduleWeekday(_ node: ConfigNode) throws(ConfigError) -> Weekday {
        let name = try node.string()
        guard let day = Weekday(name: name) else {
            let english = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
            throw node.error("'\(name)' is not a day of the week\(KeySuggester.hint(for: name, among: english))")
        }
        return day
    }

    /// `HH:MM`, 00:00 to 23:59 (`TimeOfDay(hhmm:)`, as calendar working hours read it); for hand-offs and `reports.at`.
    /// Unquoted 9:00 is a YAML 1.1 base-60 int; its text is what counts.
    func timeOfDay(_ node: ConfigNode) throws(ConfigError) -> TimeOfDay {
        let text = try node.text(expected: "a time such as \"09:00\"", accepting: [.int])
        guard let time = TimeOfDay(hhmm: text), time.minutes < 24 * 60 else {
            throw node.error("'\(text)' is not a time of day; expected HH:MM from 00:00 to 23:59, such as \"09:00\"")
        }
        return time
    }

    /// A date and time: `YYYY-MM-DDTHH:MM[:SS]` (or a space for `T`) with an optional offset
    /// (`Z`, `+08:00`, `+0800`, `+08`); without one the time is read in `timeZone`.
    private func scheduleInstant(_ node: ConfigNode, timeZone: TimeZone) throws(ConfigError) -> Date {
        // Unquoted 2026-11-02T09:00:00+08:00 is a YAML timestamp; its text as written is parsed.
        let text = try node.text(expected: "a date and time such as 2026-11-02T09:00:00+08:00", accepting: [.timestamp])
        guard let instant = Self.parseInstant(text, timeZone: timeZone) else {
            throw node.error("'\(text)' is not a date and time; expected YYYY-MM-DDTHH:MM[:SS] with an optional offset, such as 2026-11-02T09:00:00+08:00")
        }
        return instant
    }

    /// The instant `text` names, or nil; see `scheduleInstant`.
    static func parseInstant(_ text: String, timeZone: TimeZone) -> Date? {
        let characters = Array(text.trimmingCharacters(in: .whitespaces))
        guard characters.count >= 16, let date = LocalDate(iso: String(characters[0..<10])),
              ["T", "t", " "].contains(characters[10])
        else { return nil }
        var rest = characters[11...]
        func number(_ count: Int) -> Int? {
            guard rest.count >= count else { return nil }
            let digits = rest.prefix(count)
            guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            rest = rest.dropFirst(count)
            return Int(String(digits))
        }
        func skip(_ character: Character) -> Bool {
            guard rest.first == character else { return false }
            rest = rest.dropFirst()
            return true
        }
        guard let hour = number(2), skip(":"), let minute = number(2) else { return nil }
        var second = 0
        if skip(":") {
            guard let value = number(2) else { return nil }
            second = value
        }
        guard hour <= 23, minute <= 59, second <= 59 else { return nil }
        var zone = timeZone
        if skip("Z") || skip("z") {
            guard let utc = TimeZone(secondsFromGMT: 0) else { return nil }
            zone = utc
        } else if let sign = rest.first, sign == "+" || sign == "-" {
            rest = rest.dropFirst()
            guard let hours = number(2) else { return nil }
            var minutes = 0
            if !rest.isEmpty {
                _ = skip(":")
                guard let value = number(2) else { return nil }
                minutes = value
            }
            guard hours <= 18, minutes <= 59,
                  let fixed = TimeZone(secondsFromGMT: (sign == "-" ? -1 : 1) * (hours * 3600 + minutes * 60))
            else { return nil }
            zone = fixed
        }
        guard rest.isEmpty else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = DateComponents(
            year: date.year, month: date.month, day: date.day, hour: hour, minute: minute, second: second)
        return calendar.date(from: parts)
    }
}
