import ArgumentParser
import Foundation
import OncallAPI
import OncallClient
import OncallCore

/// `oncallctl list`: incidents, newest first.
struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List incidents, newest first.",
        discussion: TimeArgument.help + ".")

    @OptionGroup var global: GlobalOptions

    @Option(
        help: ArgumentHelp(
            "Only incidents in these states (repeat or comma-separate): \(IncidentState.allCases.map(\.rawValue).joined(separator: ", ")).",
            valueName: "state"))
    var state: [String] = []
    @Option(help: ArgumentHelp("Only incidents of this level.", valueName: "1|2|3")) var level: LevelArgument?
    @Option(parsing: .unconditional, help: ArgumentHelp("Only incidents reported at or after this time.", valueName: "time"))
    var since: TimeArgument?
    @Option(help: "At most this many incidents.") var limit = 50
    @Flag(help: "Print the list as JSON.") var json = false

    /// The states asked for, split at commas.
    var states: [String] {
        state.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
    }

    func validate() throws {
        if let unknown = states.first(where: { IncidentState(rawValue: $0) == nil }) {
            throw ValidationError(
                "'\(unknown)' is not a state; use \(IncidentState.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let states = states
        let incidents = try global.call { client throws(ClientError) in
            try client.list(
                states: states.isEmpty ? nil : states, level: level?.value, since: since?.resolve(now: Date()), limit: limit)
        }
        if json {
            print(try IncidentText.json(IncidentListDTO(incidents: incidents)))
        } else if incidents.isEmpty {
            Terminal.printError("no incidents")
        } else {
            // Fit the subject to the terminal; the other columns take about 75 columns.
            let subjectWidth = Terminal.columns.map { $0 - 75 } ?? 60
            IncidentText.table(incidents, timeZone: .current, subjectWidth: max(20, subjectWidth)).forEach { print($0) }
        }
    }
}
