import Foundation
import OncallCore

/// The words of a notification: short, level first, the same facts on every channel.
///
/// Pure functions of the incident, why it is sent (`purpose`, e.g. `new fault`, `reminder 2/3`), the time
/// zone to show times in, and the links.
public enum MessageText {
    /// The longest SMS text ``sms(_:purpose:timeZone:links:)`` makes, in characters.
    public static let smsLimit = 140

    /// `[L1] 订单系统无法登录 · INC-000123`.
    public static func title(_ incident: Incident) -> String {
        "[\(incident.level)] \(oneLine(incident.form.subject)) · \(incident.id)"
    }

    /// The email subject: the title, then why it is sent (`[L1] 订单系统无法登录 · INC-000123 — reminder 2/3`).
    public static func subject(_ incident: Incident, purpose: String) -> String {
        let why = oneLine(purpose)
        return why.isEmpty ? title(incident) : title(incident) + " — " + why
    }

    /// Plain text for email, chat and long SMS: the title, the purpose, then one labelled line per fact and link.
    public static func plain(_ incident: Incident, purpose: String, timeZone: TimeZone, links: MessageLinks) -> String {
        var lines = [title(incident)]
        let why = oneLine(purpose)
        if !why.isEmpty { lines.append(why) }
        for (label, value) in facts(incident, timeZone: timeZone) + linkLines(links) {
            lines.append("\(label): \(value)")
        }
        return lines.joined(separator: "\n")
    }

    /// A small HTML document with the same content as ``plain(_:purpose:timeZone:links:)``, everything escaped.
    public static func html(_ incident: Incident, purpose: String, timeZone: TimeZone, links: MessageLinks) -> String {
        let escape = TextEscaping.html
        var html = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>\(escape(title(incident)))</title></head>\n"
        html += "<body style=\"font-family: sans-serif\">\n<h2>\(escape(title(incident)))</h2>\n"
        let why = oneLine(purpose)
        if !why.isEmpty { html += "<p><strong>\(escape(why))</strong></p>\n" }
        html += "<table>\n"
        for (label, value) in facts(incident, timeZone: timeZone) {
            html += "<tr><th align=\"left\">\(escape(label))</th><td>\(escape(value))</td></tr>\n"
        }
        for (label, value) in linkLines(links) {
            let shown = isWebLink(value) ? "<a href=\"\(escape(value))\">\(escape(value))</a>" : escape(value)
            html += "<tr><th align=\"left\">\(escape(label))</th><td>\(shown)</td></tr>\n"
        }
        html += "</table>\n</body></html>\n"
        return html
    }

    /// One line of at most ``smsLimit`` characters: the title, the purpose, the outage start and the
    /// acknowledge link, with the subject shortened first, then the link and the start time dropped if needed.
    public static func sms(_ incident: Incident, purpose: String, timeZone: TimeZone, links: MessageLinks) -> String {
        let why = oneLine(purpose)
        let start = incident.form.outageStarted.map { "故障开始 " + formatted($0, timeZone: timeZone) }
        let ack = links.acknowledge.map { "确认 " + oneLine($0) }
        let subject = oneLine(incident.form.subject)
        func compose(subject: String, start: String?, ack: String?) -> String {
            let head = "[\(incident.level)] \(subject) · \(incident.id)"
            return ([head, why] + [start, ack].compactMap { $0 }).filter { !$0.isEmpty }.joined(separator: " | ")
        }
        for (withStart, withAck) in [(true, true), (true, false), (false, false)] {
            let keptStart = withStart ? start : nil
            let keptAck = withAck ? ack : nil
            let full = compose(subject: subject, start: keptStart, ack: keptAck)
            if full.count <= smsLimit { return full }
            // Shorten the subject, keeping at least a few characters of it.
            let excess = full.count - smsLimit + 1
            if subject.count - excess >= 6 {
                return compose(subject: String(subject.prefix(subject.count - excess)) + "…", start: keptStart, ack: keptAck)
            }
        }
        let last = compose(subject: subject, start: nil, ack: nil)
        return String(last.prefix(smsLimit - 1)) + "…"
    }

    /// `yyyy-MM-dd HH:mm` in `timeZone` (proleptic Gregorian; Foundation switches to Julian before 1582). Civil-date arithmetic on the zone's offset at `date`, not a
    /// `Calendar` and `String(format:)` per call: every composed message shows a time.
    public static func formatted(_ date: Date, timeZone: TimeZone) -> String {
        let local = Int64(date.timeIntervalSince1970.rounded(.down)) + Int64(timeZone.secondsFromGMT(for: date))
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let seconds = local - days * 86_400
        // Days since 1970-01-01 to year, month, day (H. Hinnant, "chrono-compatible low-level date algorithms").
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let yearText = String(year)
        let paddedYear = String(repeating: "0", count: max(0, 4 - yearText.count)) + yearText
        return "\(paddedYear)-\(two(month))-\(two(day)) \(two(seconds / 3600)):\(two(seconds % 3600 / 60))"
    }

    /// The labelled facts, in the order they are shown.
    static func facts(_ incident: Incident, timeZone: TimeZone) -> [(String, String)] {
        let form = incident.form
        var reporter = oneLine(form.reporter)
        if let contact = form.reporterContact.map(oneLine), !contact.isEmpty { reporter += " (\(contact))" }
        return [
            ("提出人/Reporter", reporter),
            ("提出单位/Organisation", oneLine(form.organisation)),
            ("影响范围/Scope", form.scope.map(scopeText) ?? "未说明 (not stated)"),
            ("故障开始/Outage start", form.outageStarted.map { formatted($0, timeZone: timeZone) } ?? "无 (none)"),
        ]
    }

    static func linkLines(_ links: MessageLinks) -> [(String, String)] {
        [
            ("详情/Incident", links.incident), ("处置手册/Runbook", links.runbook),
            ("确认/Acknowledge", links.acknowledge), ("解决/Resolve", links.resolve),
        ].compactMap { label, value in value.map { (label, oneLine($0)) } }
    }

    static func scopeText(_ scope: Scope) -> String {
        switch scope {
        case .all: "全部系统 (all)"
        case .most: "大部分系统 (most)"
        case .part: "部分功能或用户 (part)"
        case .few: "少数用户 (few users)"
        case .single: "单一功能 (single function)"
        }
    }

    /// Line breaks and other control characters become spaces, so one field stays one line.
    private static func oneLine(_ text: String) -> String { TextEscaping.headerValue(text) }

    private static func isWebLink(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://")
    }
}
