/// Cuts the quoted history out of a reply, keeping what the sender wrote now.
///
/// Mail clients mark history in a handful of ways, and each is recognised where it starts:
/// - `>` quoted lines (dropped, so interleaved and bottom-posted answers survive);
/// - an attribution line, "On Tue, 4 Mar 2025 … wrote:" (Gmail, Apple Mail, Thunderbird) or
///   "在 2025年3月4日 …写道：" / "… 于2025年3月4日周二 09:20写道：", possibly wrapped over up to
///   three lines. When `>` lines follow, only the attribution goes; when unquoted text follows
///   (HTML mail reduced to text loses its quote marks), everything from it on is history;
/// - separators: "-----Original Message-----", "-----原始邮件-----", QQ Mail's
///   "------------------ 原始邮件 ------------------", "---------- Forwarded message ---------",
///   "Begin forwarded message:", and Outlook's line of underscores;
/// - an Outlook or Foxmail header block, "From:/发件人：" followed by at least two of
///   Sent/Date/To/Cc/Subject (发送时间/日期/收件人/抄送/主题) — two, so that a sentence that
///   happens to start with "From:" is not taken for one;
/// - a signature after "-- " (and "--", which many clients leave after trimming the space),
///   and a trailing "Sent from my iPhone" / "发自我的iPhone".
enum ReplyStripper {
    static func strip(_ text: String) -> String {
        let lines = text.intakeLines
        var kept: [Substring] = []
        var index = 0
        scan: while index < lines.count {
            let line = lines[index]
            let trimmed = line.intakeTrimmed
            if line == "-- " || line == "--" { break scan }
            if isQuoted(trimmed) {
                index += 1
                continue
            }
            if isSeparator(trimmed) { break scan }
            if let length = attributionLength(lines, at: index) {
                let next = lines[(index + length)...].firstIndex { !$0.intakeIsBlank }
                if let next, isQuoted(lines[next].intakeTrimmed) {
                    index += length
                    continue
                }
                break scan
            }
            if isHeaderBlock(lines, at: index) { break scan }
            kept.append(line)
            index += 1
        }
        while let last = kept.last, last.intakeIsBlank || isMobileSignature(last.intakeTrimmed) { kept.removeLast() }
        return String.intakeJoined(kept)
    }

    /// A line quoted with `>` (or the full-width `＞`).
    static func isQuoted(_ trimmed: String) -> Bool {
        trimmed.hasPrefix(">") || trimmed.hasPrefix("＞")
    }

    /// What separators say once the dashes, spaces and `&nbsp;` around them are removed.
    static let separatorWords: Set<String> = [
        "originalmessage", "original", "forwardedmessage", "原始邮件", "邮件原件", "原邮件", "原始消息",
        "转发邮件", "转发的邮件", "转发消息", "转发的消息", "replymessage", "回复邮件",
    ]

    static func isSeparator(_ trimmed: String) -> Bool {
        if trimmed.count >= 10, trimmed.allSatisfy({ $0 == "_" }) { return true }
        let lower = trimmed.lowercased()
        if lower.hasPrefix("begin forwarded message") || lower.hasPrefix("开始转发的邮件") { return true }
        guard lower.hasPrefix("--") || lower.hasPrefix("==") || lower.hasPrefix("——") else { return false }
        let core = lower.replacingOccurrences(of: "&nbsp;", with: "")
            .filter { !$0.isWhitespace && !"-=—_".contains($0) }
        return separatorWords.contains(core)
    }

    /// How many lines (1…3) form an attribution starting at `index`, or nil.
    static func attributionLength(_ lines: [Substring], at index: Int) -> Int? {
        for extra in 0..<3 where index + extra < lines.count {
            let joined = lines[index...(index + extra)].map { $0.intakeTrimmed }.joined(separator: " ")
            guard isAttribution(joined) else { continue }
            // A line of ordinary text just above a one-line attribution is not part of it.
            if extra > 0, isAttribution(lines[(index + 1)...(index + extra)].map { $0.intakeTrimmed }.joined(separator: " ")) {
                return nil
            }
            return extra + 1
        }
        return nil
    }

    /// "On … wrote:" or a Chinese "…写道：", which always carry a date, hence a digit.
    static func isAttribution(_ text: String) -> Bool {
        guard text.count <= 400, text.contains(where: { $0.isASCII && $0.isNumber }) else { return false }
        let lower = text.lowercased()
        if lower.hasPrefix("on "), lower.hasSuffix("wrote:") || lower.hasSuffix("wrote :") { return true }
        if text.hasSuffix("写道：") || text.hasSuffix("写道:") || text.hasSuffix("寫道：") || text.hasSuffix("寫道:") {
            return text.hasPrefix("在") || text.contains("于") || text.contains("@")
        }
        return false
    }

    static let headerFromLabels = ["from", "发件人", "寄件者", "寄件人", "发信人"]
    static let headerOtherLabels = [
        "sent", "date", "to", "cc", "subject", "发送时间", "时间", "日期", "发送日期", "收件人", "抄送", "主题", "主旨", "收件者", "副本",
    ]

    /// The header label of a line ("From", "发件人"), lowercased, when the line is `label: value`.
    static func headerLabel(_ line: Substring) -> String? {
        let trimmed = line.intakeTrimmed.filter { $0 != "*" }
        guard let colon = trimmed.prefix(12).firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
        return trimmed[..<colon].intakeTrimmed.lowercased()
    }

    static func isHeaderBlock(_ lines: [Substring], at index: Int) -> Bool {
        guard let label = headerLabel(lines[index]), headerFromLabels.contains(label) else { return false }
        let following = lines[(index + 1)...].prefix(6).compactMap(headerLabel)
        return following.filter { headerOtherLabels.contains($0) }.count >= 2
    }

    static func isMobileSignature(_ trimmed: String) -> Bool {
        let lower = trimmed.lowercased()
        return lower.hasPrefix("sent from my ") || lower.hasPrefix("get outlook for ") || lower.hasPrefix("sent from mail for")
            || trimmed.hasPrefix("发自我的") || trimmed.hasPrefix("来自我的")
            || (trimmed.hasPrefix("从我的") && trimmed.hasSuffix("发送"))
    }
}
