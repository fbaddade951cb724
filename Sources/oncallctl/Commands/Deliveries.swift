import ArgumentParser
import Foundation
import OncallClient
import OncallCore

/// `oncallctl deliveries ID`: who was contacted about an incident, how, when, and what the far end answered.
struct Deliveries: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show every message sent about an incident and each delivery attempt.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The incident: INC-000123 or 123.", valueName: "id")) var id: IncidentNumber
    @Flag(help: "Print the deliveries as JSON.") var json = false

    func run() throws {
        let list = try global.call { client throws(ClientError) in try client.deliveries(id.description) }
        if json {
            print(try IncidentText.json(list))
            return
        }
        guard !list.deliveries.isEmpty else {
            Terminal.printError("no messages for \(list.incident)")
            return
        }
        let time = DateFormatter()
        time.locale = Locale(identifier: "en_US_POSIX")
        time.dateFormat = "yyyy-MM-dd HH:mm:ss"
        var rows: [[String]] = []
        for delivery in list.deliveries {
            let recipients = delivery.recipients.joined(separator: ",")
            let status = if let head = delivery.waitingBehind {
                // Messages to one recipient go in order: this one goes once the head of its queue is delivered or dead.
                "\(delivery.status) (behind \(head.incident ?? "an earlier message"))"
            } else {
                delivery.status + (delivery.nextAttemptAt.map { " (next \(time.string(from: $0)))" } ?? "")
            }
            rows.append([time.string(from: delivery.createdAt), delivery.channel, delivery.target, recipients, delivery.purpose, status])
            for attempt in delivery.attempts {
                rows.append(["  #\(attempt.number) \(time.string(from: attempt.at))", "", "", "", attempt.result, attempt.detail])
            }
        }
        Table(headers: ["QUEUED", "CHANNEL", "TARGET", "FOR", "PURPOSE", "STATUS"], rows: rows, maxWidths: [nil, nil, 32, 32, 40, 80])
            .render().forEach { print($0) }
    }
}
