import ArgumentParser
import Foundation
import OncallClient

/// Options every subcommand takes.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The daemon's Unix socket.",
            discussion: "Default: $ONCALLD_SOCKET, else ./\(SocketLocation.localPath) if it exists, else \(SocketLocation.systemPath).",
            valueName: "path"))
    var socket: String?

    /// The socket to use: `--socket`, else the defaults in ``SocketLocation``.
    var socketPath: String {
        SocketLocation.resolve(
            option: socket, environment: ProcessInfo.processInfo.environment,
            fileExists: { FileManager.default.fileExists(atPath: $0) })
    }

    /// A client for ``socketPath``.
    var client: OncallClient { OncallClient(socketPath: socketPath) }
}

extension GlobalOptions {
    /// `--socket PATH` / `--socket=PATH` given before the subcommand, moved to just after it.
    static func movingSocketAfterSubcommand(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var rest = arguments[...]
        while let first = rest.first {
            if first == "--socket", rest.count >= 2 {
                leading += rest.prefix(2)
                rest = rest.dropFirst(2)
            } else if first.hasPrefix("--socket=") {
                leading.append(first)
                rest = rest.dropFirst()
            } else {
                break
            }
        }
        guard !leading.isEmpty, let subcommand = rest.first else { return arguments }
        // A command group (`quarantine list`) takes the option after its subcommand's name.
        if let nested = rest.dropFirst().first, groups[subcommand]?.contains(nested) == true {
            return [subcommand, nested] + leading + rest.dropFirst(2)
        }
        return [subcommand] + leading + rest.dropFirst()
    }

    /// Subcommands that are groups, and their subcommands' names.
    static let groups: [String: Set<String>] = Dictionary(
        uniqueKeysWithValues: [QuarantineCommand.self, PostmortemCommand.self, ArchiveCommand.self, DocumentsCommand.self, MaintenanceCommand.self,
                         RequestCommand.self, CalendarCommand.self].map {
            (group: any ParsableCommand.Type) in
            (group.configuration.commandName ?? "", Set(group.configuration.subcommands.compactMap { $0.configuration.commandName }))
        })
}
