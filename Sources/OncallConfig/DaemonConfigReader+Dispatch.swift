import Foundation
import OncallCore

extension DaemonConfigReader {
    static let dispatchKeys = [
        "headquarters", "fallback_branch", "arrival_with_coverage", "arrival_without_coverage", "accept_within",
        "callback_within", "repair_min_days", "repair_max_days", "emergency_after_breach", "load_window",
        "region_names", "branches", "engineers", "sites",
    ]
    static let branchKeys = ["id", "name", "regions"]
    static let fieldEngineerKeys = ["person", "branch", "skills", "shift", "leave"]
    static let weeklyShiftKeys = ["days", "hours"]
    static let siteKeys = ["id", "name", "address", "region", "warranty_ends"]
    /// The longest repair window accepted, in working days: about ten years, as far as the
    /// working calendar scans.
    static let maxRepairDays = 3_660

    /// `dispatch.*`: region names first (branches and sites may use them), then branches, the
    /// headquarters and fallback, engineers (people defined under `people`), sites, promises.
    func readDispatch(_ node: ConfigNode, people: [String: Person]) throws(ConfigError) -> DispatchConfig {
        var dispatch = DispatchConfig()
        let map = try node.mapping(keys: Self.dispatchKeys)
        if let value = map["region_names"] { dispatch.regionNames = try readRegionNames(value) }
        let names = dispatch.regionNames
        var branchLines: [String: ConfigNode] = [:]
        if let value = map["branches"] {
            (dispatch.branches, branchLines) = try readBranches(value, names: names)
        }
        if let value = map["headquarters"] {
            let id = try dispatchBranchID(value, among: branchLines)
            dispatch.headquarters = id
            for index in dispatch.branches.indices where dispatch.branches[index].id == id {
                dispatch.branches[index].isHeadquarters = true
            }
        } else if !dispatch.branches.isEmpty {
            // Without it a region no branch covers could never be served, silently.
            let missing = ConfigNode(node: map.node.node, path: map.node.path.appending("headquarters"), file: file)
            throw missing.error("required when branches are defined: the branch id used where no branch covers a region")
        }
        if let value = map["fallback_branch"] {
            dispatch.policy.fallbackBranch = try dispatchBranchID(value, among: branchLines)
        }
        // A branch with no regions is only useful as the fallback.
        let fallback = dispatch.policy.fallbackBranch ?? dispatch.headquarters
        for branch in dispatch.branches where branch.regions.isEmpty && branch.id != fallback {
            let blamed = branchLines[branch.id] ?? node
            throw blamed.error("branch '\(branch.id)' covers no regions and is not the headquarters or fallback, so it would never be used")
        }
        if let value = map["engineers"] {
            dispatch.engineers = try readFieldEngineers(value, people: people, branches: branchLines)
        }
        if let value = map["sites"] { dispatch.sites = try readSites(value, names: names) }
        try readDispatchPolicy(map, into: &dispatch.policy)
        return dispatch
    }

    // MARK: - Region names and regions

    /// `region_names`: name → code. A name may not look like a code, nor give a built-in name another code.
    private func readRegionNames(_ node: ConfigNode) throws(ConfigError) -> RegionNames {
        let map = try node.anyMapping()
        var extra: [String: RegionCode] = [:]
        var lines: [String: Int] = [:]
        for (name, (key, value)) in zip(map.keys, zip(map.keyNodes, map.values)) {
            let normalized = RegionNames.normalized(name)
            guard !normalized.isEmpty, !normalized.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw key.error("'\(name)' looks like a code; region_names maps names to codes, e.g. 广州: \"4401\"")
            }
            if let first = lines[normalized] {
                throw key.error("'\(name)' is the same name as one at line \(first) (case, spaces and hyphens are ignored)")
            }
            lines[normalized] = key.node.mark?.line ?? 0
            let code = try regionCode(value)
            if let builtIn = RegionNames.builtIn.code(named: name), builtIn != code {
                throw value.error("'\(name)' is the built-in name of \(builtIn); it cannot stand for \(code)")
            }
            extra[name] = code
        }
        return RegionNames(extra: extra)
    }

    /// A code only (2, 4 or 6 digits, quoted or not).
    private func regionCode(_ node: ConfigNode) throws(ConfigError) -> RegionCode {
        let text = try node.text(expected: "a region code such as \"4401\"", accepting: [.int])
        do {
            return try RegionCode(validating: text)
        } catch {
            throw node.error(error.description)
        }
    }

    /// A code or a name known to `names`.
    private func region(_ node: ConfigNode, names: RegionNames) throws(ConfigError) -> RegionCode {
        let text = try node.text(expected: "a region code such as \"31\" or a name such as 上海", accepting: [.int])
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && $0.isNumber }) {
            do {
                return try RegionCode(validating: trimmed)
            } catch {
                throw node.error(error.description)
            }
        }
        guard let code = names.code(named: trimmed) else {
            let hint = KeySuggester.hint(for: trimmed, among: names.knownNames)
            throw node.error("unknown region '\(trimmed)'\(hint); use a GB/T 2260 code or add the name under dispatch.region_names")
        }
        return code
    }

    // MARK: - Branches

    /// `branches`: ids unique; each branch's regions distinct and not nested in one another.
    private func readBranches(
        _ node: ConfigNode, names: RegionNames
    ) throws(ConfigError) -> ([BranchOffice], [String: ConfigNode]) {
        var branches: [BranchOffice] = []
        var idNodes: [String: ConfigNode] = [:]
        for element in try node.list() {
            let map = try element.mapping(keys: Self.branchKeys)
            let idNode = try map.required("id")
            let id = try dispatchID(idNode, what: "branch", example: "sh")
            if let first = idNodes[id] {
                throw idNode.error("duplicate branch id '\(id)' (first at line \(first.node.mark?.line ?? 0))")
            }
            idNodes[id] = idNode
            let name = try map.required("name").nonEmptyString()
            var regions: [RegionCode] = []
            var regionNodes: [ConfigNode] = []
            for entry in try map.required("regions").list() {
                let code = try region(entry, names: names)
                // A repeat or a nested code changes nothing, so it is a slip (often meant for another branch).
                if let index = regions.firstIndex(where: { $0.covers(code) || code.covers($0) }) {
                    let line = regionNodes[index].node.mark?.line ?? 0
                    let other = regions[index]
                    let relation = other == code ? "is listed already" : other.covers(code) ? "lies within \(other)" : "contains \(other)"
                    throw entry.error("\(code) \(relation) (line \(line)); list each area once")
                }
                regions.append(code)
                regionNodes.append(entry)
            }
            branches.append(BranchOffice(id: id, name: name, regions: regions))
        }
        return (branches, idNodes)
    }

    /// A branch id that `branches` defines.
    private func dispatchBranchID(_ node: ConfigNode, among branches: [String: ConfigNode]) throws(ConfigError) -> String {
        let id = try node.nonEmptyString()
        guard branches[id] != nil else {
            let known = branches.keys.sorted()
            let hint = KeySuggester.hint(for: id, among: known)
            throw node.error("'\(id)' is not a branch defined under dispatch.branches\(hint)")
        }
        return id
    }

    /// An id without spaces or commas (they separate ids on the command line).
    private func dispatchID(_ node: ConfigNode, what: String, example: String) throws(ConfigError) -> String {
        let id = try node.nonEmptyString()
        guard !id.contains(where: { $0.isWhitespace || $0 == "," }) else {
            throw node.error("\(what) id '\(id)' must not contain spaces or commas (e.g. \(example))")
        }
        return id
    }

    // MARK: - Engineers

    /// `engineers`: each a person under `people`, at most once, in a defined branch.
    private func readFieldEngineers(
        _ node: ConfigNode, people: [String: Person], branches: [String: ConfigNode]
    ) throws(ConfigError) -> [FieldEngineer] {
        var engineers: [FieldEngineer] = []
        var personLines: [String: Int] = [:]
        for element in try node.list() {
            let map = try element.mapping(keys: Self.fieldEngineerKeys)
            let personNode = try map.required("person")
            let person = try personNode.nonEmptyString()
            guard people[person] != nil else {
                let hint = KeySuggester.hint(for: person, among: people.keys.sorted())
                throw personNode.error("'\(person)' is not defined under people\(hint)")
            }
            if let first = personLines[person] {
                throw personNode.error("'\(person)' is already a field engineer (line \(first)); an engineer belongs to one branch")
            }
            personLines[person] = personNode.node.mark?.line ?? 0
            let branch = try dispatchBranchID(try map.required("branch"), among: branches)
            var engineer = FieldEngineer(person: person, branch: branch)
            if let value = map["skills"] { engineer.skills = Set(try value.stringList()) }
            if let value = map["shift"] { engineer.shift = try readShift(value) }
            if let value = map["leave"] {
                for entry in try value.list() {
                    let text = try entry.text(
                        expected: "a date (YYYY-MM-DD) or a range (YYYY-MM-DD..YYYY-MM-DD)", accepting: [.timestamp])
                    let days = try entry.check { () throws(ValueProblem) in try DateRangeParser.parse(text) }
                    if let first = days.first, let last = days.last { engineer.leave.append(first...last) }
                }
            }
            engineers.append(engineer)
        }
        return engineers
    }

    /// `always`, `working_hours`, or a list of `{days, hours}` weekly shifts.
    private func readShift(_ node: ConfigNode) throws(ConfigError) -> EngineerShift {
        if case .sequence = node.node {
            var shifts: [WeeklyShift] = []
            for entry in try node.list() {
                let map = try entry.mapping(keys: Self.weeklyShiftKeys)
                var days: Set<Weekday> = []
                for dayNode in try map.required("days").list() {
                    let name = try dayNode.string()
                    guard let day = Weekday(name: name) else {
                        let english = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
                        throw dayNode.error("'\(name)' is not a day of the week\(KeySuggester.hint(for: name, among: english))")
                    }
                    guard days.insert(day).inserted else { throw dayNode.error("'\(name)' is listed twice") }
                }
                let hoursNode = try map.required("hours")
                let text = try hoursNode.string()
                guard let hours = WorkingHours(range: text) else {
                    throw hoursNode.error("'\(text)' is not a span of the day; expected HH:MM-HH:MM such as 08:00-20:00 (split a night shift at midnight)")
                }
                shifts.append(WeeklyShift(days: days, hours: hours))
            }
            guard !shifts.isEmpty else { throw node.error("a weekly shift list needs at least one shift") }
            return .weekly(shifts)
        }
        let text = try node.text(expected: "always, working_hours, or a list of {days, hours}", accepting: [])
        switch text {
        case "always": return .always
        case "working_hours": return .workingHours
        default:
            let hint = KeySuggester.hint(for: text, among: ["always", "working_hours"])
            throw node.error("unknown shift '\(text)'" + (hint.isEmpty ? " (expected always, working_hours, or a list of {days, hours})" : hint))
        }
    }

    // MARK: - Sites

    /// `sites`: ids unique; a region code or name; an optional last day of warranty.
    private func readSites(_ node: ConfigNode, names: RegionNames) throws(ConfigError) -> [CustomerSite] {
        var sites: [CustomerSite] = []
        var idLines: [String: Int] = [:]
        for element in try node.list() {
            let map = try element.mapping(keys: Self.siteKeys)
            let idNode = try map.required("id")
            let id = try dispatchID(idNode, what: "site", example: "SH-WH-01")
            if let first = idLines[id] {
                throw idNode.error("duplicate site id '\(id)' (first at line \(first))")
            }
            idLines[id] = idNode.node.mark?.line ?? 0
            var site = CustomerSite(
                id: id, name: try map.required("name").nonEmptyString(),
                region: try region(try map.required("region"), names: names))
            if let value = map["address"], !value.isNull { site.address = try value.nonEmptyString() }
            if let value = map["warranty_ends"], !value.isNull {
                // Unquoted 2027-06-30 is a YAML timestamp; its text as written is what counts.
                let text = try value.text(expected: "a date such as 2027-06-30", accepting: [.timestamp])
                guard let date = LocalDate(iso: text.trimmingCharacters(in: .whitespaces)) else {
                    throw value.error("'\(text)' is not a valid date; expected YYYY-MM-DD such as 2027-06-30")
                }
                site.warrantyEnds = date
            }
            sites.append(site)
        }
        return sites
    }

    // MARK: - Promises

    /// The durations and day counts, checked against each other.
    private func readDispatchPolicy(_ map: ConfigMapping, into policy: inout DispatchPolicy) throws(ConfigError) {
        if let value = map["arrival_with_coverage"] { policy.arrivalWithCoverage = try dispatchPositive(value) }
        if let value = map["arrival_without_coverage"] { policy.arrivalWithoutCoverage = try dispatchPositive(value) }
        if policy.arrivalWithCoverage > policy.arrivalWithoutCoverage {
            let blamed = map["arrival_with_coverage"] ?? map["arrival_without_coverage"] ?? map.node
            throw blamed.error(
                "arrival_with_coverage (\(DurationParser.format(policy.arrivalWithCoverage))) must not be longer than "
                    + "arrival_without_coverage (\(DurationParser.format(policy.arrivalWithoutCoverage)))")
        }
        if let value = map["accept_within"] { policy.acceptWithin = try dispatchPositive(value) }
        if let value = map["callback_within"] { policy.callbackWithin = try dispatchPositive(value) }
        // 0s tells the emergency group together with the PM.
        if let value = map["emergency_after_breach"] { policy.emergencyAfterBreach = try value.duration() }
        if let value = map["load_window"] { policy.loadWindow = try dispatchPositive(value) }
        if let value = map["repair_min_days"] { policy.repairMinDays = try dispatchDays(value, range: 0...Self.maxRepairDays) }
        if let value = map["repair_max_days"] { policy.repairMaxDays = try dispatchDays(value, range: 1...Self.maxRepairDays) }
        if policy.repairMinDays > policy.repairMaxDays {
            let blamed = map["repair_min_days"] ?? map["repair_max_days"] ?? map.node
            throw blamed.error(
                "repair_min_days (\(policy.repairMinDays)) must not be more than repair_max_days (\(policy.repairMaxDays))")
        }
    }

    /// A zero deadline would be breached the instant it is set.
    private func dispatchPositive(_ node: ConfigNode) throws(ConfigError) -> Duration {
        let duration = try node.duration()
        guard duration > .zero else { throw node.error("must be greater than zero") }
        return duration
    }

    private func dispatchDays(_ node: ConfigNode, range: ClosedRange<Int>) throws(ConfigError) -> Int {
        let text = try node.text(expected: "a number of working days", accepting: [.int])
        guard let value = Int(text), range.contains(value) else {
            throw node.error("expected a whole number of working days from \(range.lowerBound) to \(range.upperBound), found '\(text)'")
        }
        return value
    }
}
