import ArgumentParser
import Foundation
import OncallClient

/// `oncallctl oncall [--at TIME]`: who is on call now or at a time, and the next hand-offs.
struct OnCall: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "oncall", abstract: "Show who is on call now (or at --at) and the next hand-offs.",
        discussion: TimeArgument.help + ".")

    @OptionGroup var global: GlobalOptions
    @Option(parsing: .unconditional, help: ArgumentHelp("The time to ask about (default: now).", valueName: "time"))
    var at: TimeArgument?
    @Flag(help: "Print the answer as JSON.") var json = false

    func run() throws {
        let instant = at?.resolve(now: Date())
        let answer = try global.call { client throws(ClientError) in try client.onCall(at: instant) }
        if json {
            print(try IncidentText.json(answer))
            return
        }
        func names(_ ids: [String]) -> String {
            ids.isEmpty ? "-" : ids.map { id in answer.names[id].map { "\($0) (\(id))" } ?? id }.joined(separator: ", ")
        }
        let time = DateFormatter()
        time.locale = Locale(identifier: "en_US_POSIX")
        time.dateFormat = "yyyy-MM-dd HH:mm"
        print("On call at \(time.string(from: answer.at)):")
        var rows = [["engineers", names(answer.engineers)], ["project managers", names(answer.projectManagers)],
                    ["emergency group", names(answer.emergencyGroup)]]
        rows += answer.schedules.map { ["schedule \($0.id) (\($0.name))", names($0.onCall)] }
        Table(headers: ["ROLE", "WHO"], rows: rows).render().forEach { print($0) }
        if !answer.handoffs.isEmpty {
            print("\nNext hand-offs:")
            Table(
                headers: ["AT", "SCHEDULE", "FROM", "TO", "WHY"],
                rows: answer.handoffs.map { [time.string(from: $0.at), $0.schedule, names($0.from), names($0.to), $0.reason] }
            ).render().forEach { print($0) }
        }
    }
}
