import Foundation

/// The field-dispatch world of the end-to-end tests, as a `dispatch:` section added to
/// ``Sandbox/config(emergencyAfter:emergencyAfterByLevel:level2After:level1After:maxBody:extraTokens:)``.
///
/// Branches: headquarters `bj-hq` (Beijing, 11), `sh` (Shanghai, 31) and `gz` (Guangzhou, 4401);
/// nobody covers Xinjiang (65). Engineers: zhao.lei and zhu.min in sh (zhao.lei's id sorts first,
/// so with equal load he is sent first), sun.li in gz, zhou.qiang at headquarters. Sites:
/// `SH-WH-01` in Pudong (310115), in warranty; `XJ-URC-01` in Urumqi (650102), out of warranty.
/// The deadlines are seconds long so that breaches can be watched live.
enum DispatchWorld {
    static let shanghaiSite = "SH-WH-01"
    static let urumqiSite = "XJ-URC-01"
    /// The engineers of each branch, in the order they are sent when all are free.
    static let engineers = ["sh": ["zhao.lei", "zhu.min"], "gz": ["sun.li"], "bj-hq": ["zhou.qiang"]]
    static let names = ["zhao.lei": "赵磊", "zhu.min": "朱敏", "sun.li": "孙丽", "zhou.qiang": "周强", "chen.jie": "陈杰"]
}

extension Sandbox {
    /// ``config(emergencyAfter:emergencyAfterByLevel:level2After:level1After:maxBody:extraTokens:)`` plus the
    /// engineers under `people`, an emergency group, and the ``DispatchWorld`` `dispatch:` section.
    /// - Parameters:
    ///   - acceptWithin: `dispatch.accept_within`.
    ///   - arrivalWithCoverage: `dispatch.arrival_with_coverage`.
    ///   - emergencyAfterBreach: `dispatch.emergency_after_breach`.
    ///   - secondShanghaiEngineer: whether zhu.min is in sh (without him a decline there falls back to headquarters).
    func dispatchConfig(
        acceptWithin: String = "4s", arrivalWithCoverage: String = "6s", emergencyAfterBreach: String = "1s",
        secondShanghaiEngineer: Bool = true
    ) throws -> String {
        let base = config()
        let anchor = "people:\n"
        guard base.components(separatedBy: anchor).count == 2 else {
            throw HarnessError("Sandbox.config() no longer has exactly one 'people:' line to add the engineers under")
        }
        let people = DispatchWorld.names.sorted { $0.key < $1.key }.map { id, name in "  - id: \(id)\n    name: \(name)\n" }.joined()
        var engineers = [
            "    - {person: zhao.lei, branch: sh, skills: [network, server]}",
            "    - {person: sun.li, branch: gz, skills: [network, storage]}",
            "    - {person: zhou.qiang, branch: bj-hq, skills: [network, server, storage]}",
        ]
        if secondShanghaiEngineer { engineers.insert("    - {person: zhu.min, branch: sh, skills: [network]}", at: 1) }
        let dispatch = [
            "emergency_group: [chen.jie]",
            "dispatch:",
            "  headquarters: bj-hq",
            "  arrival_with_coverage: \(arrivalWithCoverage)",
            "  arrival_without_coverage: 48h",
            "  accept_within: \(acceptWithin)",
            "  emergency_after_breach: \(emergencyAfterBreach)",
            "  branches:",
            "    - {id: bj-hq, name: 北京总部, regions: [\"11\"]}",
            "    - {id: sh, name: 上海分公司, regions: [\"31\"]}",
            "    - {id: gz, name: 广州办事处, regions: [\"4401\"]}",
            "  engineers:",
        ] + engineers + [
            "  sites:",
            "    - {id: \(DispatchWorld.shanghaiSite), name: 上海仓储中心, region: \"310115\", warranty_ends: 2099-12-31}",
            "    - {id: \(DispatchWorld.urumqiSite), name: 乌鲁木齐营业部, region: \"650102\", warranty_ends: 2020-12-31}",
        ]
        return base.replacingOccurrences(of: anchor, with: anchor + people) + dispatch.joined(separator: "\n") + "\n"
    }
}
