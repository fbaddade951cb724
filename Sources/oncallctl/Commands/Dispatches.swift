import ArgumentParser
import Foundation
import OncallAPI
import OncallClient
import OncallCore

/// `oncallctl dispatches [--open] [--branch B] [--since TIME] [--limit N] [--json]` and
/// `oncallctl dispatches --report [--month YYYY-MM] [--branch B] [--json]`.
struct Dispatches: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List field visits, or report SLA deadlines met and breached per branch for a month.",
        discussion: TimeArgument.help + ". --month is YYYY-MM, in the daemon's calendar time zone (default: this month).")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Only visits still under way.") var open = false
    @Option(help: ArgumentHelp("Only this branch's visits (or report row).", valueName: "branch")) var branch: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("Only visits dispatched at or after this time.", valueName: "time"))
    var since: TimeArgument?
    @Option(help: "At most this many visits (1–1000, default 100).") var limit: Int?
    @Flag(help: "Report visits and deadlines met/breached per branch for a month instead of listing.") var report = false
    @Option(help: ArgumentHelp("The month to report (with --report).", valueName: "YYYY-MM")) var month: String?
    @Flag(help: "Print the answer as JSON.") var json = false

    func validate() throws {
        if let branch, branch.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--branch must not be empty") }
        if report {
            let listing = [("--open", open), ("--since", since != nil), ("--limit", limit != nil)].filter(\.1).map(\.0)
            if !listing.isEmpty { throw ValidationError("\(listing.joined(separator: ", ")) cannot be used with --report") }
            if let month, DispatchReportDTO.interval(of: month, timeZone: TimeZone(identifier: "UTC")!) == nil {
                throw ValidationError("--month must be a month such as 2026-11 (YYYY-MM)")
            }
        } else {
            if month != nil { throw ValidationError("--month goes with --report") }
            if let limit, !(1...1000).contains(limit) { throw ValidationError("--limit must be 1 to 1000") }
        }
    }

    func run() throws {
        if report { return try runReport() }
        let list = try global.call { client throws(ClientError) in
            try client.dispatches(open: open, branch: branch, since: since?.resolve(now: Date()), limit: limit)
        }
        if json {
            print(try IncidentText.json(list))
        } else if list.visits.isEmpty {
            Terminal.printError(open ? "no open field visits" : "no field visits")
        } else {
            DispatchText.table(list.visits, timeZone: .current).forEach { print($0) }
        }
    }

    func runReport() throws {
        var answer = try global.call { client throws(ClientError) in try client.dispatchReport(month: month) }
        if let branch {
            answer.branches = answer.branches.filter { $0.branch == branch }
        }
        if json {
            print(try IncidentText.json(answer))
        } else if answer.branches.isEmpty {
            Terminal.printError(branch.map { "no branch '\($0)' in the report for \(answer.month)" } ?? "no branches and no visits in \(answer.month)")
        } else {
            DispatchText.report(answer, branches: answer.branches).forEach { print($0) }
        }
    }
}
