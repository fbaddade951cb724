import ArgumentParser
import Foundation
import OncallAPI
import OncallClient
import OncallCore

/// `oncallctl request new|list|show|step|stats`: service requests and their working-day promises.
struct RequestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "request", abstract: "Submit and follow service requests (upgrades, repairs, bugs, requirements, releases).",
        discussion: """
            Each kind carries promises counted in working days (holidays and make-up days count as the calendar \
            says); the owner is warned before a promise falls due and the project managers are told when it is missed. \
            Kinds: \(RequestKind.allCases.map(\.rawValue).joined(separator: ", ")).
            """,
        subcommands: [New.self, ListRequests.self, ShowRequest.self, Step.self, Stats.self])

    /// `request new KIND --subject S --organisation O --requester R [...]`.
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "new", abstract: "Submit a service request; prints its number.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The kind: \(RequestKind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "kind"))
        var kind: String
        @Option(help: ArgumentHelp("What is asked for.", valueName: "text")) var subject: String
        @Option(help: ArgumentHelp("The customer's organisation.", valueName: "name")) var organisation: String
        @Option(help: ArgumentHelp("Who asks.", valueName: "name")) var requester: String
        @Option(help: ArgumentHelp("How to reach the requester.", valueName: "text")) var contact: String?
        @Option(help: ArgumentHelp("Details.", valueName: "text")) var description: String?
        @Option(help: ArgumentHelp("Who answers for its promises (a person id; default: requests.owner).", valueName: "person"))
        var owner: String?
        @Option(name: .customLong("promised-date"), help: ArgumentHelp("A new requirement's agreed delivery date.", valueName: "YYYY-MM-DD"))
        var promisedDate: String?
        @Option(help: ArgumentHelp("A release's reason.", valueName: "text")) var reason: String?
        @Option(name: .customLong("fixes"), help: ArgumentHelp("An issue a release fixes (repeatable).", valueName: "issue"))
        var fixedIssues: [String] = []
        @Option(name: .customLong("release-day"), help: ArgumentHelp("A release's planned day (default: the next release).", valueName: "YYYY-MM-DD"))
        var releaseDay: String?
        @Option(name: .customLong("service"),
                help: ArgumentHelp("A service a release updates (repeatable): its pages are held during the release window.", valueName: "service"))
        var services: [String] = []
        @Option(name: .customLong("received"), parsing: .unconditional,
                help: ArgumentHelp("When it (or the returned product) arrived, if earlier; " + TimeArgument.help + ".", valueName: "time"))
        var received: TimeArgument?
        @Flag(help: "Print the request as JSON.") var json = false

        func validate() throws {
            guard RequestKind(rawValue: kind) != nil else {
                throw ValidationError("'\(kind)' is not a request kind; one of \(RequestKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            for (option, value) in [("--promised-date", promisedDate), ("--release-day", releaseDay)] {
                if let value, LocalDate(iso: value) == nil { throw ValidationError("\(option): '\(value)' is not a date such as 2026-12-10") }
            }
        }

        func run() throws {
            guard let kind = RequestKind(rawValue: kind) else { throw ValidationError("'\(kind)' is not a request kind") }
            let form = ServiceRequestFormDTO(
                kind: kind, subject: subject, organisation: organisation, requester: requester, contact: contact, description: description,
                owner: owner, promisedDate: promisedDate.flatMap(LocalDate.init(iso:)), reason: reason,
                fixedIssues: fixedIssues, releaseDay: releaseDay.flatMap(LocalDate.init(iso:)),
                receivedAt: received?.resolve(now: Date()), services: services.isEmpty ? nil : services)
            let request = try global.call { client throws(ClientError) in try client.submitRequest(form) }
            print(json ? try IncidentText.json(request) : request.id)
        }
    }

    /// `request list [--open|--closed] [--kind K] [--owner P]`.
    struct ListRequests: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List requests, newest first, with their next promise.")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "Only open requests.") var open = false
        @Flag(help: "Only closed requests.") var closed = false
        @Option(help: ArgumentHelp("Only this kind.", valueName: "kind")) var kind: String?
        @Option(help: ArgumentHelp("Only this owner.", valueName: "person")) var owner: String?
        @Option(help: ArgumentHelp("At most this many (1–1000).", valueName: "n")) var limit = 100
        @Flag(help: "Print the requests as JSON.") var json = false

        func validate() throws {
            if open, closed { throw ValidationError("give --open or --closed, not both") }
            guard (1...1000).contains(limit) else { throw ValidationError("--limit must be from 1 to 1000") }
        }

        func run() throws {
            let filter: Bool? = open ? true : (closed ? false : nil)
            let requests = try global.call { client throws(ClientError) in
                try client.requests(open: filter, kind: kind, owner: owner, limit: limit)
            }
            if json {
                print(try IncidentText.json(ServiceRequestListDTO(requests: requests)))
                return
            }
            RequestText.table(requests, timeZone: .current).forEach { print($0) }
        }
    }

    /// `request show REQ-…`.
    struct ShowRequest: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a request: its form, promises and timeline.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The request: REQ-000042 or 42.", valueName: "number")) var number: String
        @Flag(help: "Print the request as JSON.") var json = false

        func run() throws {
            let request = try global.call { client throws(ClientError) in try client.request(number) }
            if json {
                print(try IncidentText.json(request))
                return
            }
            RequestText.detail(request, timeZone: .current).forEach { print($0) }
        }
    }

    /// `request step REQ-… STEP [--note N] [--promised-date D]`.
    struct Step: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "step", abstract: "Record a step (decided, done, …); `request show` lists the next ones.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The request: REQ-000042 or 42.", valueName: "number")) var number: String
        @Argument(help: ArgumentHelp("The step, e.g. decided, fix_delivered, feedback, done, cancelled.", valueName: "step")) var step: String
        @Option(help: ArgumentHelp("A note on the timeline.", valueName: "text")) var note: String?
        @Option(name: .customLong("promised-date"),
                help: ArgumentHelp("With a new requirement's decided or delay_notified step: the (new) promised date.", valueName: "YYYY-MM-DD"))
        var promisedDate: String?

        func validate() throws {
            guard RequestStep(rawValue: step) != nil else {
                throw ValidationError("'\(step)' is not a step; one of \(RequestStep.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if let promisedDate, LocalDate(iso: promisedDate) == nil {
                throw ValidationError("--promised-date: '\(promisedDate)' is not a date such as 2026-12-10")
            }
        }

        func run() throws {
            let body = RequestStepDTO(step: step, note: note, promisedDate: promisedDate.flatMap(LocalDate.init(iso:)))
            let request = try global.call { client throws(ClientError) in try client.recordRequestStep(number, body) }
            print("\(request.id) \(step) (status: \(request.status); next: \(request.nextSteps.joined(separator: ", ")))")
        }
    }

    /// `request stats`.
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "stats", abstract: "The share of promises kept, per kind and month.")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print the statistics as JSON.") var json = false

        func run() throws {
            let statistics = try global.call { client throws(ClientError) in try client.requestStatistics() }
            if json {
                print(try IncidentText.json(statistics))
                return
            }
            RequestText.statistics(statistics).forEach { print($0) }
        }
    }
}

/// `oncallctl releases [--weeks N]`: the coming release windows.
struct Releases: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "releases", abstract: "List the coming release windows (a holiday moves one to the next working day).")

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("How many weeks ahead (1–52).", valueName: "n")) var weeks = 4
    @Flag(help: "Print the windows as JSON.") var json = false

    func validate() throws {
        guard (1...52).contains(weeks) else { throw ValidationError("--weeks must be from 1 to 52") }
    }

    func run() throws {
        let releases = try global.call { client throws(ClientError) in try client.releases(weeks: weeks) }
        if json {
            print(try IncidentText.json(ReleaseListDTO(releases: releases)))
            return
        }
        RequestText.releases(releases, timeZone: .current).forEach { print($0) }
    }
}
