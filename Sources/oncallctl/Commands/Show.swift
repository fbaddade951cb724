import ArgumentParser
import Foundation
import OncallClient
import OncallCore

/// `oncallctl show ID`: one incident and its timeline.
struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show an incident and its timeline.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The incident: INC-000123 or 123.", valueName: "id")) var id: IncidentNumber
    @Flag(help: "Print the incident and its timeline as JSON.") var json = false

    func run() throws {
        let incident = try global.call { client throws(ClientError) in try client.show(id.description) }
        if json {
            print(try IncidentText.json(incident))
        } else {
            IncidentText.detail(incident, timeZone: .current).forEach { print($0) }
        }
    }
}
