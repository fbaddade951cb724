import ArgumentParser
import Foundation
import OncallAPI
import OncallClient

/// `oncallctl stats [--from YYYY-MM] [--until YYYY-MM] [--json]`: incident and field-visit figures per month.
struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show incident figures per month and level, and field-visit SLA compliance per branch.",
        discussion: """
            Months are YYYY-MM in the daemon's calendar time zone; both default to this month (--from alone \
            runs to this month, --until alone covers that month only). Times to acknowledge and resolve are \
            counted from the report; compliance is deadlines met out of those met or missed.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("The first month.", valueName: "YYYY-MM")) var from: String?
    @Option(help: ArgumentHelp("The last month (included).", valueName: "YYYY-MM")) var until: String?
    @Flag(help: "Print the figures as JSON.") var json = false

    func validate() throws {
        for (name, value) in [("--from", from), ("--until", until)] {
            if let value, !ArchiveSearch.isMonth(value) { throw ValidationError("\(name) must be a month such as 2026-11 (YYYY-MM)") }
        }
        if let from, let until, until < from { throw ValidationError("--until (\(until)) must not be before --from (\(from))") }
    }

    func run() throws {
        // The daemon takes each bound as this month when it is missing; --until alone means that month only.
        let first = from ?? until
        let figures = try global.call { client throws(ClientError) in try client.statistics(from: first, until: until) }
        if json {
            print(try IncidentText.json(figures))
        } else {
            ArchiveText.statistics(figures).forEach { print($0) }
        }
    }
}
