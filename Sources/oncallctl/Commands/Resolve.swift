import ArgumentParser
import OncallClient
import OncallCore

/// `oncallctl resolve ID --summary TEXT`.
struct Resolve: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Mark an incident resolved (the fault is fixed).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The incident: INC-000123 or 123.", valueName: "id")) var id: IncidentNumber
    @Option(help: "What was wrong and how it was fixed.") var summary: String
    @Flag(help: "Print the incident as JSON.") var json = false

    func validate() throws {
        if summary.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw ValidationError("--summary must not be empty") }
    }

    func run() throws {
        let incident = try global.call { client throws(ClientError) in try client.resolve(id.description, summary: summary) }
        try printChanged(incident, "resolved", json: json)
    }
}
