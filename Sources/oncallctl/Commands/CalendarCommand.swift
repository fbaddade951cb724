import ArgumentParser
import Foundation
import OncallAPI
import OncallClient

/// `oncallctl calendar subscribe|list|revoke`: iCalendar subscriptions to on-call shifts.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar", abstract: "Subscribe a calendar app to on-call shifts; list and revoke subscriptions.",
        discussion: """
            A subscription is a secret address (notify.base_url + /v1/calendars/TOKEN.ics) that serves a schedule's \
            or a person's shifts, overrides and holidays as iCalendar to anyone who has it, until it is revoked. \
            The address is shown once, when it is made.
            """,
        subcommands: [Subscribe.self, ListFeeds.self, Revoke.self])

    /// `calendar subscribe (--schedule ID|NAME | --person ID)`.
    struct Subscribe: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "subscribe", abstract: "Make a secret calendar address for a schedule or a person; prints it.")

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("The schedule's id or name (every shift of it).", valueName: "schedule")) var schedule: String?
        @Option(help: ArgumentHelp("A person's id (their shifts over every schedule).", valueName: "id")) var person: String?
        @Flag(help: "Print the subscription, its token and address as JSON.") var json = false

        func validate() throws {
            if (schedule == nil) == (person == nil) { throw ValidationError("give --schedule ID or --person ID, one of them") }
        }

        func run() throws {
            let request = CalendarFeedRequestDTO(schedule: schedule, person: person)
            let feed = try global.call { client throws(ClientError) in try client.subscribeCalendar(request) }
            if json {
                print(try IncidentText.json(feed))
                return
            }
            if let url = feed.url {
                print(url)
            } else {
                print(feed.path ?? "")
                Terminal.printError("oncallctl: notify.base_url is not set: put the daemon's public http(s) address in front of this path")
            }
            Terminal.printError("\(feed.id): keep this address secret; it is not shown again (revoke with: oncallctl calendar revoke \(feed.id))")
        }
    }

    /// `calendar list`.
    struct ListFeeds: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List calendar subscriptions, revoked ones too.")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print the subscriptions as JSON.") var json = false

        func run() throws {
            let feeds = try global.call { client throws(ClientError) in try client.calendarFeeds() }
            if json {
                print(try IncidentText.json(CalendarFeedListDTO(feeds: feeds)))
                return
            }
            CalendarFeedText.table(feeds, timeZone: .current).forEach { print($0) }
        }
    }

    /// `calendar revoke ID`.
    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke", abstract: "Revoke a subscription: its address answers 404 from now on.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The subscription: CF-3 or 3.", valueName: "id")) var id: String

        func run() throws {
            let feed = try global.call { client throws(ClientError) in try client.revokeCalendarFeed(id) }
            print("\(feed.id) \(feed.status)")
        }
    }
}
