import ArgumentParser
import OncallClient
import OncallCore

/// `oncallctl note ID TEXT…`.
struct Note: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Add a note to an incident's timeline.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The incident: INC-000123 or 123.", valueName: "id")) var id: IncidentNumber
    @Argument(help: ArgumentHelp("The note; several words are joined with spaces.", valueName: "text")) var text: [String]
    @Flag(help: "Print the incident as JSON.") var json = false

    var noteText: String { text.joined(separator: " ") }

    func validate() throws {
        if noteText.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw ValidationError("the note must not be empty") }
    }

    func run() throws {
        let incident = try global.call { client throws(ClientError) in try client.note(id.description, text: noteText) }
        try printChanged(incident, "note added", json: json)
    }
}
