import ArgumentParser
import Foundation
import OncallAPI
import OncallClient

/// A regular document's kind on the command line.
enum DocumentKindArgument: String, ExpressibleByArgument, CaseIterable {
    case weekly, monthly
}

/// `oncallctl documents list|show`: the weekly reports and monthly lists oncalld generates.
struct DocumentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "documents",
        abstract: "List or show the weekly reports and monthly lists oncalld generates.",
        subcommands: [DocumentsList.self, DocumentsShow.self])
}

/// `oncallctl documents list [--kind weekly|monthly] [--json]`.
struct DocumentsList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List generated documents, newest first.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only documents of this kind.") var kind: DocumentKindArgument?
    @Flag(help: "Print the list as JSON.") var json = false

    func run() throws {
        let list = try global.call { client throws(ClientError) in try client.documents(kind: kind?.rawValue) }
        if json {
            print(try IncidentText.json(list))
        } else if list.documents.isEmpty {
            Terminal.printError(kind.map { "no \($0.rawValue) documents yet" } ?? "no documents yet")
        } else {
            ArchiveText.documents(list.documents, timeZone: .current).forEach { print($0) }
        }
    }
}

/// `oncallctl documents show KIND PERIOD [--json]`.
struct DocumentsShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Print a generated document's Markdown.",
        discussion: "PERIOD is an ISO week such as 2026-W47 for weekly, a month such as 2026-11 for monthly (see documents list).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("weekly or monthly.", valueName: "kind")) var kind: DocumentKindArgument
    @Argument(help: ArgumentHelp("The period: 2026-W47 or 2026-11.", valueName: "period")) var period: String
    @Flag(help: "Print the document as JSON.") var json = false

    func validate() throws {
        if period.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("the period must not be empty") }
    }

    func run() throws {
        let document = try global.call { client throws(ClientError) in try client.document(kind: kind.rawValue, period: period) }
        if json {
            print(try IncidentText.json(document))
            return
        }
        guard let markdown = document.markdown else {
            Terminal.printError("oncallctl: the daemon's answer carried no text")
            throw ExitStatus.unavailable
        }
        print(markdown, terminator: markdown.hasSuffix("\n") ? "" : "\n")
    }
}
