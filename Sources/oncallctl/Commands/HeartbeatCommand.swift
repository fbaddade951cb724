import ArgumentParser
import Foundation
import OncallAPI
import OncallClient

/// `oncallctl heartbeat NAME`: beat a heartbeat (from a cron job, say) over the local socket.
struct HeartbeatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "heartbeat", abstract: "Beat a heartbeat monitor; a beat ends its outage and resolves the incident.",
        discussion: "Prints the heartbeat's next due time, and the incident the beat resolved if there was one.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The heartbeat's name, as under heartbeats[] in the config.", valueName: "name")) var name: String
    @Flag(help: "Print the answer as JSON.") var json = false

    func run() throws {
        let beat = try global.call { client throws(ClientError) in try client.beatHeartbeat(name) }
        if json {
            print(try IncidentText.json(beat))
            return
        }
        HeartbeatText.beat(beat, timeZone: .current).forEach { print($0) }
    }
}

/// `oncallctl heartbeats`: every heartbeat, its interval, last beat, due time and status.
struct HeartbeatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "heartbeats", abstract: "List the heartbeat monitors and where each stands.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print the heartbeats as JSON.") var json = false

    func run() throws {
        let heartbeats = try global.call { client throws(ClientError) in try client.heartbeats() }
        if json {
            print(try IncidentText.json(HeartbeatListDTO(heartbeats: heartbeats)))
            return
        }
        HeartbeatText.table(heartbeats, timeZone: .current).forEach { print($0) }
    }
}
