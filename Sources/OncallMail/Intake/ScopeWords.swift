import OncallCore

/// Reads the affected scope from what a reporter wrote in the form's 影响范围 / Scope field.
enum ScopeWords {
    /// Words that name a scope exactly, Chinese and English.
    static let exact: [String: Scope] = [
        "all": .all, "whole": .all, "entire": .all, "全部": .all, "全局": .all, "整体": .all, "所有": .all,
        "most": .most, "majority": .most, "大部分": .most, "大多数": .most, "多数": .most,
        "part": .part, "partial": .part, "some": .part, "部分": .part, "局部": .part,
        "few": .few, "少数": .few, "个别": .few, "少量": .few,
        "single": .single, "one": .single, "单个": .single, "单一": .single, "个人": .single,
    ]

    /// Phrases found inside free text ("华东仓全部出库作业"), most severe first: when a text names
    /// two scopes, taking the more severe one errs on the side of paging someone. "大部分" is
    /// tried before "部分", which it contains.
    static let contained: [(String, Scope)] = [
        ("全部", .all), ("所有", .all), ("整个", .all), ("全体", .all), ("全局", .all),
        ("大部分", .most), ("大多数", .most), ("多数", .most),
        ("部分", .part), ("局部", .part), ("一些", .part),
        ("少数", .few), ("个别", .few), ("少量", .few), ("几个", .few),
        ("单个", .single), ("单一", .single), ("单台", .single), ("单用户", .single), ("一个", .single),
    ]

    /// English words found inside free text ("all users at site 3"), most severe first.
    static let containedWords: [(Set<String>, Scope)] = [
        (["all", "entire", "whole", "everyone", "everything", "everybody"], .all),
        (["most", "majority"], .most),
        (["part", "partial", "partially", "some", "several"], .part),
        (["few"], .few),
        (["single", "one"], .single),
    ]

    /// The scope `text` names; `isExact` tells whether the text was nothing but a scope word
    /// (otherwise the caller keeps the text, which says more than the word picked from it).
    static func scope(in text: String) -> (scope: Scope, isExact: Bool)? {
        let trimmed = text.intakeTrimmed.lowercased()
        guard !trimmed.isEmpty else { return nil }
        let bare = String(trimmed.reversed().drop { "。.!！".contains($0) }.reversed())
        if let scope = exact[bare] ?? Scope(rawValue: bare) { return (scope, true) }
        if let (_, scope) = contained.first(where: { trimmed.contains($0.0) }) { return (scope, false) }
        let words = Set(trimmed.split { !($0.isLetter && $0.isASCII) }.map(String.init))
        if let (_, scope) = containedWords.first(where: { !$0.0.isDisjoint(with: words) }) { return (scope, false) }
        return nil
    }
}
