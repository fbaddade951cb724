import OncallCore

/// Reads an incident command from the first line of a reply.
///
/// The first non-empty line must be the command word alone ("ack", "确认。"), or the word, a
/// colon and text ("resolve: restarted the spooler"). A line that merely starts with the word
/// ("解决了吗？", "Ack, but I can't look before noon") is not a command: acting on a misread
/// reply would be worse than making the responder use the API.
enum ReplyCommandParser {
    /// What a command word asks for.
    enum Verb { case acknowledge, resolve, escalate }

    static let words: [String: Verb] = [
        "ack": .acknowledge, "acknowledge": .acknowledge, "确认": .acknowledge,
        "resolve": .resolve, "resolved": .resolve, "解决": .resolve,
        "escalate": .escalate, "升级": .escalate,
    ]

    /// The summary when a resolve reply gives none; the lifecycle refuses an empty one.
    static let defaultSummary = "Resolved by email reply (no summary given)."
    /// The reason when an escalate reply gives none; the lifecycle refuses an empty one.
    static let defaultReason = "Escalated by email reply (no reason given)."

    static func command(in text: String) -> IncidentCommand? {
        let lines = text.intakeLines
        guard let first = lines.firstIndex(where: { !$0.intakeIsBlank }) else { return nil }
        let line = lines[first].intakeTrimmed
        var word = Substring(line)
        var sameLine: Substring = ""
        if let colon = line.firstIndex(where: { $0 == ":" || $0 == "：" }) {
            word = line[..<colon]
            sameLine = line[line.index(after: colon)...]
        }
        let key = String(word.intakeTrimmed.lowercased().reversed().drop { ".!。！,，".contains($0) }.reversed())
        guard let verb = words[key] else { return nil }
        let rest = String.intakeJoined([sameLine] + lines[(first + 1)...])
        switch verb {
        case .acknowledge:
            return .acknowledge
        case .resolve:
            return .resolve(summary: rest.isEmpty ? defaultSummary : rest.intakeLimited(20_000))
        case .escalate:
            return .escalate(reason: rest.isEmpty ? defaultReason : rest.intakeLimited(2_000))
        }
    }
}
