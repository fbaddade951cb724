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
