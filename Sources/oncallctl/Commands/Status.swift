import ArgumentParser
import OncallAPI
import OncallClient

/// `oncallctl status [--json]`: the store and which node runs the timers and sends notifications.
struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the store and which node is active (runs the timers and sends notifications).",
        discussion: """
            With SQLite the one node is always active. With PostgreSQL (store.url) every node takes reports; \
            the node holding the database's lock is active and the others stand by to take over.
            """)

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print the status as JSON.") var json = false

    func run() throws {
        let status = try global.call { client throws(ClientError) in try client.status() }
        if json {
            print(try IncidentText.json(status))
            return
        }
        print("store:   \(status.store)")
        print("node:    \(status.node) (\(status.active ? "active" : "standby"))")
        let since = status.activeSince.map { " since \(APIDates.format($0))" } ?? ""
        print("active:  \(status.activeNode ?? "unknown")\(since)")
    }
}
