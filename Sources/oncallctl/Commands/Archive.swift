import ArgumentParser
import Foundation
import OncallAPI
import OncallClient
import OncallCore

/// `oncallctl archive search …`: past incidents and their fault reports.
struct ArchiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Search past incidents and their fault reports.",
        subcommands: [ArchiveSearch.self])
}

/// `oncallctl archive search [QUERY…] [--level N] [--state S,…] [--report S] [--from D] [--until D] [--month M]
/// [--org NAME] [--service NAME] [--limit N] [--json]`.
struct ArchiveSearch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search incidents and fault reports by text and filters, newest first.",
        discussion: """
            The words are searched for in the incident's form and its report (Chinese works too); each hit \
            shows a passage around the first match, the match in [brackets]. Days (--from, --until) and \
            months are in the daemon's time zone; --from and --until may also be RFC 3339 times.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("Text to search for; several words are joined with spaces.", valueName: "query"))
    var query: [String] = []
    @Option(help: ArgumentHelp("Only incidents of this level.", valueName: "1|2|3")) var level: LevelArgument?
    @Option(
        help: ArgumentHelp(
            "Only incidents in these states (repeat or comma-separate): \(IncidentState.allCases.map(\.rawValue).joined(separator: ", ")).",
            valueName: "state"))
    var state: [String] = []
    @Option(help: "Only incidents whose report is in this state.") var report: PostmortemStateArgument?
    @Option(help: ArgumentHelp("Only incidents reported on or after this day.", valueName: "YYYY-MM-DD")) var from: String?
    @Option(help: ArgumentHelp("Only incidents reported before this day.", valueName: "YYYY-MM-DD")) var until: String?
    @Option(help: ArgumentHelp("Only incidents reported in this month.", valueName: "YYYY-MM")) var month: String?
    @Option(help: ArgumentHelp("Only this reporting organisation's incidents (提出单位).", valueName: "name")) var org: String?
    @Option(help: ArgumentHelp("Only incidents of this service.", valueName: "name")) var service: String?
    @Option(help: "The most hits to list (1 to 1000).") var limit: Int?
    @Flag(help: "Print the hits as JSON.") var json = false

    /// The search text: the words joined with spaces, nil when none.
    var text: String? {
        let joined = query.joined(separator: " ").trimmingCharacters(in: .whitespacesAndNewlines)
        return joined.isEmpty ? nil : joined
    }

    /// The states asked for, split at commas.
    var states: [String] {
        state.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
    }

    /// The query's parameters, in a fixed order, unencoded.
    var parameters: [(String, String)] {
        var parameters: [(String, String)] = []
        if let text { parameters.append(("q", text)) }
        if let level { parameters.append(("level", String(level.value))) }
        if !states.isEmpty { parameters.append(("state", states.joined(separator: ","))) }
        if let report { parameters.append(("report", report.rawValue)) }
        if let from { parameters.append(("from", from)) }
        if let until { parameters.append(("until", until)) }
        if let month { parameters.append(("month", month)) }
        if let org { parameters.append(("org", org)) }
        if let service { parameters.append(("service", service)) }
        if let limit { parameters.append(("limit", String(limit))) }
        return parameters
    }

    func validate() throws {
        if let unknown = states.first(where: { IncidentState(rawValue: $0) == nil }) {
            throw ValidationError(
                "'\(unknown)' is not a state; use \(IncidentState.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        for (name, value) in [("--from", from), ("--until", until)] {
            if let value, !Self.isDay(value), APIDates.parse(value) == nil {
                throw ValidationError("\(name) must be a day such as 2026-11-25 (YYYY-MM-DD) or an RFC 3339 time")
            }
        }
        if let from, let until, Self.isDay(from), Self.isDay(until), until < from {
            throw ValidationError("--until must not be before --from")
        }
        if let month {
            guard Self.isMonth(month) else { throw ValidationError("--month must be a month such as 2026-11 (YYYY-MM)") }
            if from != nil || until != nil { throw ValidationError("--month cannot be used with --from or --until") }
        }
        for (name, value) in [("--org", org), ("--service", service)] {
            if let value, value.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("\(name) must not be empty") }
        }
        if let limit, !(1...1000).contains(limit) { throw ValidationError("--limit must be 1 to 1000") }
    }

    func run() throws {
        let parameters = parameters
        let result = try global.call { client throws(ClientError) in try client.archive(parameters) }
        if json {
            print(try IncidentText.json(result))
        } else if result.hits.isEmpty {
            Terminal.printError("nothing found")
        } else {
            // Fit the subject to the terminal; the other columns take about 80 columns.
            let columns = Terminal.columns ?? 140
            ArchiveText.table(result.hits, timeZone: .current, subjectWidth: max(20, columns - 80), snippetWidth: columns - 4)
                .forEach { print($0) }
        }
    }

    /// `YYYY-MM-DD`, a real day.
    static func isDay(_ text: String) -> Bool { LocalDate(iso: text) != nil }

    /// `YYYY-MM`, a real month.
    static func isMonth(_ text: String) -> Bool {
        DispatchReportDTO.interval(of: text, timeZone: TimeZone(identifier: "UTC")!) != nil
    }
}
