import ArgumentParser
import Foundation
import OncallAPI
import OncallClient
import OncallCore

/// A visit step on the command line.
struct VisitStepArgument: ExpressibleByArgument, Equatable {
    var name: String

    init?(argument: String) {
        let name = argument.lowercased()
        guard VisitStepBody.stepNames.contains(name) else { return nil }
        self.name = name
    }

    static var allValueStrings: [String] { VisitStepBody.stepNames }
}

/// `oncallctl visit ID STEP [--note T] [--reason R] [--summary S] [--json]`: report a step of the latest visit.
struct VisitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "visit",
        abstract: "Report a step of an incident's field visit.",
        discussion: """
            Steps: accept (the engineer takes it), depart (on the way), arrive (on site), complete [--summary], \
            decline [--reason] (oncalld sends someone else if it can), cancel --reason, callback [--note] \
            (the in-warranty customer was phoned back), confirm-repair (the customer confirmed a chargeable repair).
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The incident: INC-000123 or 123.", valueName: "id")) var id: IncidentNumber
    @Argument(help: ArgumentHelp("What happened.", valueName: "step")) var step: VisitStepArgument
    @Option(help: "A note (callback).") var note: String?
    @Option(help: "Why (decline; required for cancel).") var reason: String?
    @Option(help: "What was done (complete).") var summary: String?
    @Flag(help: "Print the visit as JSON.") var json = false

    /// The request body.
    var body: VisitStepBody { VisitStepBody(note: note, reason: reason, summary: summary) }

    func validate() throws {
        do {
            _ = try body.step(named: step.name)
        } catch {
            // The daemon's own check, with option names instead of JSON fields.
            var message = error.body.error.message
            for field in VisitStepBody.allowedKeys { message = message.replacingOccurrences(of: "'\(field)'", with: "--\(field)") }
            throw ValidationError(message)
        }
    }

    func run() throws {
        let body = body
        let visit = try global.call { client throws(ClientError) in
            try client.visitStep(id.description, step: step.name, note: body.note, reason: body.reason, summary: body.summary)
        }
        print(json ? try IncidentText.json(visit) : DispatchText.stepConfirmation(step.name, visit, timeZone: .current))
    }
}
