import ArgumentParser
import Foundation
import OncallAPI
import OncallClient

/// `oncallctl maintenance add|list|end`: maintenance windows that hold pages.
struct MaintenanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maintenance", abstract: "Plan, list and end maintenance windows (pages held while they last).",
        discussion: """
            Incidents of a covered service (or alerts whose labels match) arriving during a window are created and \
            marked, but nobody is paged; when the window ends, those still open are paged as if new.
            """,
        subcommands: [Add.self, ListWindows.self, End.self])

    /// `maintenance add (--service S… | --match K=V…) (--for 2h | [--start T] --end T) --reason R`.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Plan a window, or mute services now (--for 2h).", discussion: TimeArgument.help + ".")

        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("service"), help: ArgumentHelp("A service it covers (repeatable), e.g. WMS.", valueName: "service"))
        var services: [String] = []
        @Option(name: .customLong("match"), help: ArgumentHelp("An alert label it covers, label=value (repeatable; all must match).", valueName: "label=value"))
        var matchers: [String] = []
        @Option(parsing: .unconditional, help: ArgumentHelp("When it starts (default: now).", valueName: "time")) var start: TimeArgument?
        @Option(parsing: .unconditional, help: ArgumentHelp("When it ends.", valueName: "time")) var end: TimeArgument?
        @Option(name: .customLong("for"), help: ArgumentHelp("How long it lasts from its start, e.g. 2h or 1h30m.", valueName: "span"))
        var duration: String?
        @Option(help: ArgumentHelp("Why (shown on held incidents).", valueName: "text")) var reason: String
        @Flag(help: "Print the window as JSON.") var json = false

        func validate() throws {
            if services.isEmpty, matchers.isEmpty { throw ValidationError("give --service or --match") }
            if (end == nil) == (duration == nil) { throw ValidationError("give --end TIME or --for SPAN, one of them") }
            if let duration, TimeArgument.parseSpan(Substring(duration)) == nil {
                throw ValidationError("--for: '\(duration)' is not a span such as 2h, 90m or 1h30m")
            }
            for matcher in matchers where Self.pair(matcher) == nil {
                throw ValidationError("--match: '\(matcher)' is not label=value")
            }
        }

        static func pair(_ text: String) -> (String, String)? {
            guard let equals = text.firstIndex(of: "=") else { return nil }
            let (key, value) = (String(text[..<equals]), String(text[text.index(after: equals)...]))
            return key.isEmpty || value.isEmpty ? nil : (key, value)
        }

        func run() throws {
            let now = Date()
            let seconds = duration.flatMap { TimeArgument.parseSpan(Substring($0)) }.map { Int($0.components.seconds) }
            let request = MaintenanceRequestDTO(
                startsAt: start?.resolve(now: now), endsAt: end?.resolve(now: now), durationSeconds: seconds,
                services: services.isEmpty ? nil : services,
                matchers: matchers.isEmpty ? nil : Dictionary(matchers.compactMap(Self.pair), uniquingKeysWith: { $1 }),
                reason: reason)
            let window = try global.call { client throws(ClientError) in try client.addMaintenance(request) }
            print(json ? try IncidentText.json(window) : window.id)
        }
    }

    /// `maintenance list [--all]`.
    struct ListWindows: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List windows not yet over (--all: every one).")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "Include windows that are over.") var all = false
        @Flag(help: "Print the windows as JSON.") var json = false

        func run() throws {
            let windows = try global.call { client throws(ClientError) in try client.maintenanceWindows(all: all) }
            if json {
                print(try IncidentText.json(MaintenanceListDTO(windows: windows)))
                return
            }
            MaintenanceText.table(windows, timeZone: .current).forEach { print($0) }
        }
    }

    /// `maintenance end ID`.
    struct End: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "end", abstract: "End a window now; incidents it held that are still open are paged.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The window: MW-3 or 3.", valueName: "id")) var id: String

        func run() throws {
            let window = try global.call { client throws(ClientError) in try client.endMaintenance(id) }
            print("\(window.id) \(window.status)")
        }
    }
}
