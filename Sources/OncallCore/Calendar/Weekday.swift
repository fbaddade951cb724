/// Days of the week, numbered as Foundation's Gregorian calendar does (Sunday = 1).
public enum Weekday: Int, CaseIterable, Sendable {
    /// 星期日
    case sunday = 1
    /// 星期一
    case monday
    /// 星期二
    case tuesday
    /// 星期三
    case wednesday
    /// 星期四
    case thursday
    /// 星期五
    case friday
    /// 星期六
    case saturday

    /// Parses an English name or abbreviation in any case ("Saturday", "sat") or a Chinese one
    /// ("周六", "星期六", "礼拜六"; Sunday also as "周日"/"星期日"/"星期天").
    public init?(name: String) {
        let key = String(CalendarText.trimmed(name)).lowercased()
        if let day = Weekday.english[key] {
            self = day
            return
        }
        // Chinese: a prefix 星期/礼拜/周 (or traditional 禮拜/週) + 一…六, 日 or 天.
        for prefix in ["星期", "礼拜", "禮拜", "周", "週"] where key.hasPrefix(prefix) {
            if let day = Weekday.chineseSuffix[String(key.dropFirst(prefix.count))] {
                self = day
                return
            }
        }
        return nil
    }

    private static let english: [String: Weekday] = [
        "sunday": .sunday, "sun": .sunday,
        "monday": .monday, "mon": .monday,
        "tuesday": .tuesday, "tue": .tuesday, "tues": .tuesday,
        "wednesday": .wednesday, "wed": .wednesday,
        "thursday": .thursday, "thu": .thursday, "thur": .thursday, "thurs": .thursday,
        "friday": .friday, "fri": .friday,
        "saturday": .saturday, "sat": .saturday,
    ]

    private static let chineseSuffix: [String: Weekday] = [
        "一": .monday, "二": .tuesday, "三": .wednesday, "四": .thursday,
        "五": .friday, "六": .saturday, "日": .sunday, "天": .sunday,
    ]
}
