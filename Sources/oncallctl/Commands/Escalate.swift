import ArgumentParser
import OncallClient
import OncallCore

/// `oncallctl escalate ID --reason TEXT`.
struct Escalate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Escalate an incident to the emergency group (应急小组) now.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The incident: INC-000123 or 123.", valueName: "id")) var id: IncidentNumber
    @Option(help: "Why it is escalated.") var reason: String
    @Flag(help: "Print the incident as JSON.") var json = false

    func validate() throws {
        if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw ValidationError("--reason must not be empty") }
    }

    func run() throws {
        let incident = try global.call { client throws(ClientError) in try client.escalate(id.description, reason: reason) }
        try printChanged(incident, "escalated", json: json)
    }
}
