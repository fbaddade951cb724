import ArgumentParser
import Foundation
import OncallAPI
import OncallClient

/// A quarantine status on the command line.
enum QuarantineStatusArgument: String, ExpressibleByArgument, CaseIterable {
    case held, retried, dropped
}

/// `oncallctl quarantine list|show|retry|drop`: inbound messages that were authentic but could not be understood.
struct QuarantineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quarantine",
        abstract: "List, show, retry or drop inbound messages that could not be understood.",
        discussion: """
            An authentic message that oncalld cannot parse (a provider post or mail over the MIME parser's \
            limits, a body that is not a message) is kept with its raw bytes instead of being lost. \
            retry parses it again and applies it (after an upgrade, or with other intake rules); drop marks \
            it as not to be processed (the bytes are kept).
            """,
        subcommands: [QuarantineList.self, QuarantineShow.self, QuarantineRetry.self, QuarantineDrop.self])
}

/// `oncallctl quarantine list [--status S] [--limit N] [--json]`.
struct QuarantineList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List quarantined messages, newest first.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only messages with this status.") var status: QuarantineStatusArgument?
    @Option(help: "The most messages to list (1 to 1000).") var limit = 100
    @Flag(help: "Print the list as JSON.") var json = false

    func validate() throws {
        guard (1...1000).contains(limit) else { throw ValidationError("--limit must be 1 to 1000") }
    }

    func run() throws {
        let list = try global.call { client throws(ClientError) in try client.quarantine(status: status?.rawValue, limit: limit) }
        if json {
            print(try IncidentText.json(list))
            return
        }
        guard !list.messages.isEmpty else {
            Terminal.printError(status.map { "no \($0.rawValue) messages in the quarantine" } ?? "the quarantine is empty")
            return
        }
        IngestText.table(list.messages, timeZone: .current).forEach { print($0) }
    }
}

/// `oncallctl quarantine show ID [--raw | --json]`.
struct QuarantineShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a quarantined message and its raw text.",
        discussion: "--raw writes the message's bytes exactly as received (e.g. to save it as a .eml file).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The quarantine id (see quarantine list).", valueName: "id")) var id: Int64
    @Flag(help: "Write only the raw message, byte for byte.") var raw = false
    @Flag(help: "Print the message as JSON (raw as text and as base64).") var json = false

    func validate() throws {
        guard id > 0 else { throw ValidationError("the id must be a positive number") }
        if raw && json { throw ValidationError("give --raw or --json, not both") }
    }

    func run() throws {
        let message = try global.call { client throws(ClientError) in try client.quarantined(id) }
        if raw {
            guard let bytes = message.rawData else {
                Terminal.printError("oncallctl: the daemon's answer carried no raw message")
                throw ExitStatus.unavailable
            }
            FileHandle.standardOutput.write(bytes)
        } else if json {
            print(try IncidentText.json(message))
        } else {
            IngestText.detail(message, timeZone: .current).forEach { print($0) }
        }
    }
}

/// `oncallctl quarantine retry ID [--json]`.
struct QuarantineRetry: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry", abstract: "Parse a quarantined message again and apply it; print what it became.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The quarantine id (see quarantine list).", valueName: "id")) var id: Int64
    @Flag(help: "Print the daemon's answer as JSON.") var json = false

    func validate() throws {
        guard id > 0 else { throw ValidationError("the id must be a positive number") }
    }

    func run() throws {
        let answer = try global.call { client throws(ClientError) in try client.retryQuarantined(id) }
        print(json ? try IncidentText.json(answer) : IngestText.outcome(answer))
    }
}

/// `oncallctl quarantine drop ID`.
struct QuarantineDrop: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drop", abstract: "Mark a quarantined message as not to be processed (its bytes are kept).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The quarantine id (see quarantine list).", valueName: "id")) var id: Int64
    @Flag(help: "Print the message's entry as JSON.") var json = false

    func validate() throws {
        guard id > 0 else { throw ValidationError("the id must be a positive number") }
    }

    func run() throws {
        let message = try global.call { client throws(ClientError) in try client.dropQuarantined(id) }
        print(json ? try IncidentText.json(message) : "quarantined message \(message.id) dropped")
    }
}
