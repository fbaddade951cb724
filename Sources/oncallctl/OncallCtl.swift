import ArgumentParser

/// `oncallctl`: talk to oncalld over its Unix socket.
@main
struct OncallCtl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "oncallctl",
        abstract: "Report and handle incidents through the local oncalld daemon.",
        discussion: """
            Exit status: 0 ok; 1 the daemon refused the request; 64 usage error; \
            69 the daemon cannot be reached (or answered something unreadable).
            """,
        subcommands: [
            Report.self, List.self, Show.self, Ack.self, Escalate.self, Resolve.self, Close.self, Note.self, Deliveries.self, OnCall.self, DispatchCommand.self, VisitCommand.self, Dispatches.self, QuarantineCommand.self,
            PostmortemCommand.self, ArchiveCommand.self, Stats.self, DocumentsCommand.self, Health.self, Status.self, Backup.self,
            MaintenanceCommand.self, RequestCommand.self, Releases.self, HeartbeatCommand.self, HeartbeatsCommand.self,
            CalendarCommand.self,
        ]
    )

    /// Accepts `--socket PATH` before the subcommand too (`oncallctl --socket PATH list`), as the
    /// issue documents it, by moving it after the subcommand's name where the option is declared.
    static func main() {
        main(GlobalOptions.movingSocketAfterSubcommand(Array(CommandLine.arguments.dropFirst())))
    }
}
