import ArgumentParser
import OncallClient
import OncallCore

/// `oncallctl ack ID`.
struct Ack: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Acknowledge an incident (take it).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The incident: INC-000123 or 123.", valueName: "id")) var id: IncidentNumber
    @Flag(help: "Print the incident as JSON.") var json = false

    func run() throws {
        let incident = try global.call { client throws(ClientError) in try client.ack(id.description) }
        try printChanged(incident, "acknowledged", json: json)
    }
}
