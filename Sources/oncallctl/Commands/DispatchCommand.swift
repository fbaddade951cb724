import ArgumentParser
import Foundation
import OncallAPI
import OncallClient
import OncallCore

/// `oncallctl dispatch ID (--site S | --region R) [--skill X] [--explain] [--json]`: send a field engineer.
struct DispatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dispatch",
        abstract: "Send a field engineer to an incident's site or region.",
        discussion: """
            oncalld picks an available engineer from a branch office covering the region (arrival within 1 hour), \
            else from headquarters or the fallback branch (48 hours). --region takes a GB/T 2260 code (31, 4401, \
            440106) or a region name (上海, 广州). When nobody can be sent, oncallctl exits 1; with --explain it \
            prints why each engineer could not go.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The incident: INC-000123 or 123.", valueName: "id")) var id: IncidentNumber
    @Option(help: ArgumentHelp("The customer site id (dispatch.sites), e.g. SH-WH-01.", valueName: "site")) var site: String?
    @Option(help: ArgumentHelp("A region code or name instead of a site, e.g. 31 or 上海.", valueName: "region")) var region: String?
    @Option(help: ArgumentHelp("The skill the fault needs, e.g. network.", valueName: "skill")) var skill: String?
    @Flag(help: "Print every candidate engineer and why each was or was not chosen.") var explain = false
    @Flag(help: "Print the dispatch as JSON.") var json = false

    func validate() throws {
        let site = site?.trimmingCharacters(in: .whitespacesAndNewlines)
        let region = region?.trimmingCharacters(in: .whitespacesAndNewlines)
        switch (site, region) {
        case (nil, nil): throw ValidationError("give --site SITE or --region CODE")
        case (.some, .some): throw ValidationError("give --site or --region, not both")
        default: break
        }
        if site?.isEmpty == true { throw ValidationError("--site must not be empty") }
        if region?.isEmpty == true { throw ValidationError("--region must not be empty") }
        if let skill, skill.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw ValidationError("--skill must not be empty") }
    }

    func run() throws {
        let answer: DispatchAnswerDTO
        do {
            answer = try global.client.dispatch(id.description, site: site, region: region, skill: skill)
        } catch {
            Terminal.printError("oncallctl: \(error)")
            if explain, case let .refused(_, body) = error, let lines = body.error.explanation {
                DispatchText.explanation(lines).forEach { Terminal.printError($0) }
            }
            throw GlobalOptions.exitCode(for: error)
        }
        if json {
            print(try IncidentText.json(answer))
            return
        }
        print(DispatchText.dispatched(answer, timeZone: .current))
        if explain { DispatchText.explanation(answer.explanation).forEach { print($0) } }
    }
}
