import ArgumentParser
import OncallClient
import OncallCore

/// `oncallctl close ID`.
struct Close: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Close a resolved incident.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The incident: INC-000123 or 123.", valueName: "id")) var id: IncidentNumber
    @Flag(help: "Print the incident as JSON.") var json = false

    func run() throws {
        let incident = try global.call { client throws(ClientError) in try client.close(id.description) }
        try printChanged(incident, "closed", json: json)
    }
}
