import ArgumentParser
import Foundation
import OncallAPI
import OncallClient
import OncallCore

/// `oncallctl report`: file a problem report (问题申报单).
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Report a fault (问题申报单) and print its new number.",
        discussion: """
            --subject, --organisation and --reporter are required; when standard input is a terminal, \
            oncallctl asks for the ones missing. With --json-input the whole report is a JSON document \
            on standard input (snake_case keys, as the API takes) and no field options are allowed. \
            With --eml FILE (- for standard input) the report is an email message (RFC 5322, e.g. saved \
            from a mail client): oncalld reads it as it reads inbound mail — the report form's labelled \
            lines, a reply to an incident's mail becomes a note, auto-replies are ignored — and oncallctl \
            prints the new incident's number or what became of the message; no field options are allowed. \
            \(TimeArgument.help).
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Subject (问题主题).") var subject: String?
    @Option(help: "Reporting organisation (提出单位).") var organisation: String?
    @Option(help: "Reporter (提出人).") var reporter: String?
    @Option(help: "The reporter's phone, email or IM.") var reporterContact: String?
    @Option(help: "Current situation (目前情况).") var situation: String?
    @Option(help: "Description of the problem (问题说明).") var description: String?
    @Option(help: "Time requirement (时间要求).") var requiredBy: String?
    @Option(help: "Anything else (其他).") var other: String?
    @Option(help: "Affected scope.") var scope: Scope?
    @Option(help: "The affected system or service.") var service: String?
    @Option(help: "The customer site or region.") var site: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("When the outage began.", valueName: "time"))
    var outageStarted: TimeArgument?
    @Option(parsing: .unconditional, help: ArgumentHelp("When the outage ended.", valueName: "time"))
    var outageEnded: TimeArgument?
    @Option(help: "How many customers are affected (受影响客户数).") var affectedCustomers: Int?

    @Flag(help: "Read the whole report as a JSON document from standard input.") var jsonInput = false
    @Option(help: ArgumentHelp("Report an email message (an .eml file; - reads standard input).", valueName: "file"))
    var eml: String?
    @Option(help: ArgumentHelp(
        "With --eml: an address the message was delivered to (faults+wms@… picks a service); repeatable.", valueName: "address"))
    var recipient: [String] = []
    @Option(help: ArgumentHelp("Key that makes a repeated report return the first incident (default: a new UUID).", valueName: "key"))
    var idempotencyKey: String?
    @Flag(help: "Print the new incident as JSON instead of its number (with --eml: the daemon's answer).") var json = false

    /// Field options given on the command line, by flag name.
    private var givenFieldFlags: [String] {
        let fields: [(String, Bool)] = [
            ("--subject", subject != nil), ("--organisation", organisation != nil), ("--reporter", reporter != nil),
            ("--reporter-contact", reporterContact != nil), ("--situation", situation != nil),
            ("--description", description != nil), ("--required-by", requiredBy != nil), ("--other", other != nil),
            ("--scope", scope != nil), ("--service", service != nil), ("--site", site != nil),
            ("--outage-started", outageStarted != nil), ("--outage-ended", outageEnded != nil),
            ("--affected-customers", affectedCustomers != nil),
        ]
        return fields.filter(\.1).map(\.0)
    }

    /// Required options not given (or blank).
    var missingRequired: [String] {
        [("--subject", subject), ("--organisation", organisation), ("--reporter", reporter)]
            .filter { $0.1?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ?? true }.map(\.0)
    }

    func validate() throws {
        if let eml {
            let given = givenFieldFlags + (jsonInput ? ["--json-input"] : []) + (idempotencyKey != nil ? ["--idempotency-key"] : [])
            if !given.isEmpty {
                throw ValidationError("--eml reads the report from the message; drop \(given.joined(separator: ", "))")
            }
            if eml.isEmpty { throw ValidationError("--eml needs a file name (or - for standard input)") }
            return
        }
        if !recipient.isEmpty { throw ValidationError("--recipient goes with --eml") }
        if jsonInput {
            let given = givenFieldFlags
            if !given.isEmpty {
                throw ValidationError("--json-input reads every field from standard input; drop \(given.joined(separator: ", "))")
            }
            if let key = idempotencyKey, key.isEmpty { throw ValidationError("--idempotency-key must not be empty") }
            return
        }
        if let problem = usageProblem(stdinIsTerminal: Terminal.stdinIsTerminal) { throw ValidationError(problem) }
    }

    /// What is wrong with the field options, if anything; missing required fields are asked for on a terminal.
    func usageProblem(stdinIsTerminal: Bool) -> String? {
        if let key = idempotencyKey, key.isEmpty { return "--idempotency-key must not be empty" }
        let missing = missingRequired
        if !missing.isEmpty && !stdinIsTerminal {
            return "missing \(missing.joined(separator: ", ")) (required when standard input is not a terminal)"
        }
        return nil
    }

    func run() throws {
        if let eml {
            try reportMail(eml)
            return
        }
        let request = try jsonInput ? Self.readJSONRequest() : makeRequest(now: Date())
        let incident = try global.call { client throws(ClientError) in
            try client.report(request, idempotencyKey: idempotencyKey ?? UUID().uuidString)
        }
        print(json ? try IncidentText.json(incident) : incident.id)
    }

    /// The report from the options, asking on the terminal for missing required fields.
    func makeRequest(now: Date) throws -> ReportRequest {
        func required(_ value: String?, _ question: String) throws -> String {
            if let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return value }
            guard let answer = Terminal.prompt(question) else { throw usageError("no answer for '\(question)'") }
            return answer
        }
        return ReportRequest(
            subject: try required(subject, "Subject (问题主题): "),
            organisation: try required(organisation, "Organisation (提出单位): "),
            reporter: try required(reporter, "Reporter (提出人): "),
            reporterContact: reporterContact, situation: situation, description: description, requiredBy: requiredBy,
            other: other, scope: scope, service: service, site: site,
            outageStarted: outageStarted?.resolve(now: now), outageEnded: outageEnded?.resolve(now: now),
            affectedCustomers: affectedCustomers)
    }

    /// Posts the message in `path` to `POST /v1/mail` and prints what became of it.
    func reportMail(_ path: String) throws {
        let raw: Data
        if path == "-" {
            raw = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let data = FileManager.default.contents(atPath: path) else { throw usageError("--eml: cannot read \(path)") }
            raw = data
        }
        if raw.isEmpty { throw usageError("--eml: \(path == "-" ? "standard input" : path) is empty") }
        let recipients = recipient
        let answer = try global.call { client throws(ClientError) in try client.ingestMail(raw, recipients: recipients) }
        if json {
            print(try IncidentText.json(answer))
            return
        }
        print(IngestText.outcome(answer))
        if answer.outcome == "duplicate" {
            // A repeat gets the first answer: say so, on stderr, so stdout stays the number.
            Terminal.printError("oncallctl: this message was reported before")
        }
    }

    /// A ReportRequest JSON document from standard input, checked as strictly as the daemon checks it.
    static func readJSONRequest() throws -> ReportRequest {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        if data.isEmpty { throw usageError("--json-input: standard input is empty") }
        do {
            return try StrictJSON.decode(ReportRequest.self, from: data)
        } catch {
            throw usageError("--json-input: \(error.body.error.message)")
        }
    }
}
