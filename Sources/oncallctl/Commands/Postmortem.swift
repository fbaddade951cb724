import ArgumentParser
import Foundation
import OncallAPI
import OncallClient
import OncallCore

/// A fault report's state on the command line.
enum PostmortemStateArgument: String, ExpressibleByArgument, CaseIterable {
    case draft, submitted, approved
}

/// `oncallctl postmortem show|edit|submit|review|list`: the fault report (故障报告) of a resolved incident.
struct PostmortemCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "postmortem",
        abstract: "Show, write, submit, review or list fault reports (故障报告).",
        discussion: """
            oncalld drafts a report when an incident is resolved: the facts it recorded, and four sections \
            for its owner to write — 原因 (cause), 解决方法 (fix), 解决经过 (how the fix went), 预防措施 \
            (prevention). edit opens the Markdown in $VISUAL or $EDITOR (else vi); only the four sections are \
            kept, the rest is regenerated. submit sends it for review; the emergency group approves it (it is \
            then archived and frozen) or sends it back with a comment.
            """,
        subcommands: [PostmortemShow.self, PostmortemEdit.self, PostmortemSubmit.self, PostmortemReview.self, PostmortemList.self])
}

/// `oncallctl postmortem show ID [--json]`.
struct PostmortemShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print an incident's fault report as Markdown.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The incident: INC-000123 or 123.", valueName: "id")) var id: IncidentNumber
    @Flag(help: "Print the report (its state, sections, reviews and Markdown) as JSON.") var json = false

    func run() throws {
        if json {
            let report = try global.call { client throws(ClientError) in try client.postmortem(id.description) }
            print(try IncidentText.json(report))
        } else {
            let markdown = try global.call { client throws(ClientError) in try client.postmortemMarkdown(id.description) }
            print(markdown, terminator: markdown.hasSuffix("\n") ? "" : "\n")
        }
    }
}

/// `oncallctl postmortem edit ID [--file PATH] [--json]`.
struct PostmortemEdit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit", abstract: "Write an incident's fault report in your editor and save it.",
        discussion: """
            The report's Markdown is written to a private temporary file and opened with $VISUAL, else \
            $EDITOR, else vi (run by /bin/sh, so an editor with arguments such as 'code --wait' works). When \
            the editor exits 0 and the file changed, the report is saved; oncallctl then prints its state and \
            the sections still empty. If the editor fails or the daemon refuses the report, the file is kept \
            and its path printed. --file uploads a prepared Markdown document instead (- reads standard input).
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The incident: INC-000123 or 123.", valueName: "id")) var id: IncidentNumber
    @Option(help: ArgumentHelp("Save this Markdown document without opening an editor (- reads standard input).", valueName: "path"))
    var file: String?
    @Flag(help: "Print the saved report as JSON.") var json = false

    func validate() throws {
        if let file, file.isEmpty { throw ValidationError("--file needs a path (or - for standard input)") }
    }

    func run() throws {
        let markdown: String
        var draftPath: String?
        var base: String?
        if let file {
            markdown = try Self.readDocument(file)
        } else {
            guard let edited = try editInEditor(environment: ProcessInfo.processInfo.environment) else {
                print("no changes")
                return
            }
            (markdown, draftPath, base) = edited
        }
        let report: PostmortemDTO
        do {
            // The fetched document goes along, so a save over a colleague's later one is refused, not lost.
            report = try global.client.editPostmortem(id.description, markdown: markdown, base: base)
        } catch {
            Terminal.printError("oncallctl: \(error)")
            if let draftPath { Terminal.printError("oncallctl: the report was not saved; your copy is in \(draftPath)") }
            throw GlobalOptions.exitCode(for: error)
        }
        if let draftPath { try? FileManager.default.removeItem(atPath: draftPath) }
        if json {
            print(try IncidentText.json(report))
        } else {
            PostmortemText.saved(report).forEach { print($0) }
        }
    }

    /// Fetches the Markdown, opens it in the editor, and returns the edited text, the file's path and
    /// the fetched text; nil (the file removed) when nothing changed.
    func editInEditor(environment: [String: String]) throws -> (String, String, String)? {
        let original = try global.call { client throws(ClientError) in try client.postmortemMarkdown(id.description) }
        let before = Data(original.utf8)
        let path: String
        do {
            path = try Editor.makeTemporaryFile(before, name: id.description)
        } catch {
            Terminal.printError("oncallctl: \(error)")
            throw ExitStatus.refused
        }
        let editor = Editor.command(environment: environment)
        let status: Int32
        do {
            status = try Editor.run(editor, file: path)
        } catch {
            Terminal.printError("oncallctl: \(error); the report is in \(path)")
            throw ExitStatus.refused
        }
        guard status == 0 else {
            Terminal.printError("oncallctl: the editor (\(editor)) exited with status \(status); the report was not saved; your copy is in \(path)")
            throw ExitStatus.refused
        }
        guard let after = FileManager.default.contents(atPath: path) else {
            Terminal.printError("oncallctl: cannot read \(path) after editing; the report was not saved")
            throw ExitStatus.refused
        }
        if after == before {
            try? FileManager.default.removeItem(atPath: path)
            return nil
        }
        guard let text = String(data: after, encoding: .utf8) else {
            Terminal.printError("oncallctl: \(path) is not UTF-8 text; the report was not saved")
            throw ExitStatus.refused
        }
        return (text, path, original)
    }

    /// A prepared document from `path` (`-`: standard input); empty or unreadable is a usage error.
    static func readDocument(_ path: String) throws -> String {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else { throw usageError("--file: cannot read \(path)") }
            data = contents
        }
        guard let text = String(data: data, encoding: .utf8) else { throw usageError("--file: \(path == "-" ? "standard input" : path) is not UTF-8 text") }
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw usageError("--file: \(path == "-" ? "standard input" : path) is empty")
        }
        return text
    }
}

/// `oncallctl postmortem submit ID [--json]`.
struct PostmortemSubmit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit", abstract: "Send a written fault report to the emergency group for review.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The incident: INC-000123 or 123.", valueName: "id")) var id: IncidentNumber
    @Flag(help: "Print the report as JSON.") var json = false

    func run() throws {
        let report = try global.call { client throws(ClientError) in try client.submitPostmortem(id.description) }
        print(json ? try IncidentText.json(report) : PostmortemText.submitted(report))
    }
}

/// `oncallctl postmortem review ID --approve [--comment TEXT] | --reject --comment TEXT`.
struct PostmortemReview: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review", abstract: "Approve a submitted fault report (archiving it) or send it back.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The incident: INC-000123 or 123.", valueName: "id")) var id: IncidentNumber
    @Flag(help: "Approve the report: it is archived and can no longer change.") var approve = false
    @Flag(help: "Send the report back to its owner (needs --comment).") var reject = false
    @Option(help: "Why it is sent back (required with --reject), or a remark on approval.") var comment: String?
    @Flag(help: "Print the report as JSON.") var json = false

    func validate() throws {
        switch (approve, reject) {
        case (true, true): throw ValidationError("give --approve or --reject, not both")
        case (false, false): throw ValidationError("give --approve or --reject")
        default: break
        }
        if let comment, comment.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("--comment must not be empty")
        }
        if reject && comment == nil { throw ValidationError("--reject needs --comment saying what to change") }
    }

    func run() throws {
        let report = try global.call { client throws(ClientError) in
            try client.reviewPostmortem(id.description, approve: approve, comment: comment)
        }
        print(json ? try IncidentText.json(report) : PostmortemText.reviewed(report, approve: approve))
    }
}

/// `oncallctl postmortem list [--state S] [--owner ID] [--limit N] [--json]`.
struct PostmortemList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List fault reports.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only reports in this state.") var state: PostmortemStateArgument?
    @Option(help: ArgumentHelp("Only reports this person writes.", valueName: "id")) var owner: String?
    @Option(help: "The most reports to list (1 to 1000).") var limit = 100
    @Flag(help: "Print the list as JSON.") var json = false

    func validate() throws {
        if let owner, owner.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--owner must not be empty") }
        guard (1...1000).contains(limit) else { throw ValidationError("--limit must be 1 to 1000") }
    }

    func run() throws {
        let list = try global.call { client throws(ClientError) in
            try client.postmortems(state: state?.rawValue, owner: owner, limit: limit)
        }
        if json {
            print(try IncidentText.json(list))
        } else if list.postmortems.isEmpty {
            Terminal.printError(state.map { "no \($0.rawValue) fault reports" } ?? "no fault reports")
        } else {
            PostmortemText.table(list.postmortems, timeZone: .current).forEach { print($0) }
        }
    }
}
