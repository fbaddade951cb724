import Foundation
import OncallAPI
import Testing

extension EndToEnd {
/// Issue 3: a message the MIME parser refuses is kept (quarantined) and answered 2xx, and
/// `oncallctl quarantine` lists, shows, retries and drops it; `oncallctl report --eml` files mail
/// through the socket's `POST /v1/mail`.
@Suite("Quarantine and report --eml through the real daemon")
struct QuarantineTests {
    /// A message whose multiparts nest `levels` deep: over `MIMELimits.maxDepth` (10) the parser refuses it.
    static func nested(levels: Int, messageID: String) -> String {
        var entity = "Content-Type: text/plain; charset=UTF-8\r\n\r\n最里层的正文\r\n"
        for level in (0..<levels).reversed() {
            entity = "Content-Type: multipart/mixed; boundary=\"level-\(level)\"\r\n\r\n--level-\(level)\r\n\(entity)\r\n--level-\(level)--\r\n"
        }
        return String(rfc822([
            ("From", "Zhou Min <zhou.min@corp.example.com>"),
            ("To", "faults@example.com"),
            ("Subject", "nested forwards"),
            ("Message-ID", messageID),
            ("MIME-Version", "1.0"),
        ], body: "").dropLast()) + entity  // "\r\n" is one Character
    }

    /// The package root, from this file's path (<root>/Tests/OncallIntegrationTests/QuarantineTests.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("a message over the nesting limit: 200 and quarantined; quarantine list/show/retry/drop over the socket, the list over TCP; POST /v1/mail is not on TCP")
    func quarantine() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        let mta = InboundEndpoint.rfc822()
        try sandbox.writeConfig(sandbox.config() + sandbox.inboundSections([mta]))
        _ = try await sandbox.startDaemon()
        let socket = ["--socket", sandbox.socketPath]

        let message = Self.nested(levels: 14, messageID: "<deep-1@corp.example.com>")
        let answer = try await sandbox.postRFC822(mta, message)
        #expect(answer.status == 200, "an authentic message that cannot be parsed is kept and answered 2xx: \(answer.text)\n\(sandbox.logs)")
        #expect(answer.fields["outcome"] == "quarantined", "\(answer.text)")
        #expect(answer.fields["detail"]?.contains("nest deeper than") == true, "\(answer.text)")
        // The provider retries: the same answer, still one entry.
        let again = try await sandbox.postRFC822(mta, message)
        #expect(again.status == 200 && again.fields["outcome"] == "quarantined", "\(again.text)")
        #expect(try await sandbox.incidents().isEmpty)

        // list, as a table and as JSON (the socket option before the group works too).
        let table = try await oncallctl(socket + ["quarantine", "list"])
        #expect(table.status == 0, "\(table)")
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("ID") == true && lines.count == 2, "\(table)")
        #expect(table.stdout.contains("rfc822/mta") && table.stdout.contains("held") && table.stdout.contains("nest deeper than"), "\(table)")
        let listed = try await oncallctl(["quarantine", "list", "--json"] + socket)
        #expect(listed.status == 0, "\(listed)")
        let list = try APIDates.decoder.decode(QuarantineListDTO.self, from: Data(listed.stdout.utf8))
        let entry = try #require(list.messages.first, "\(listed)")
        #expect(list.messages.count == 1)
        #expect(entry.integration == "mta" && entry.kind == "rfc822" && entry.status == "held")
        #expect(entry.size == message.utf8.count)
        #expect(entry.raw == nil, "the list carries no raw messages")
        let id = String(entry.id)

        // show: the raw bytes exactly, and as JSON (text and base64).
        let raw = try await oncallctl(["quarantine", "show", id, "--raw"] + socket)
        #expect(raw.status == 0, "\(raw)")
        #expect(raw.stdout == message, "show --raw gives back the message byte for byte")
        let shownJSON = try await oncallctl(["quarantine", "show", id, "--json"] + socket)
        let shown = try APIDates.decoder.decode(QuarantineEntryDTO.self, from: Data(shownJSON.stdout.utf8))
        #expect(shown.rawData == Data(message.utf8))
        #expect(shown.raw?.contains("最里层的正文") == true)
        let text = try await oncallctl(["quarantine", "show", id] + socket)
        #expect(text.status == 0 && text.stdout.contains("rfc822/mta") && text.stdout.contains("<deep-1@corp.example.com>"), "\(text)")

        // retry: the parser still refuses it (422, exit 1); it stays held.
        let retried = try await oncallctl(["quarantine", "retry", id] + socket)
        #expect(retried.status == 1, "\(retried)")
        #expect(retried.stderr.contains("nest deeper than"), "\(retried)")

        // Over TCP the quarantine is behind the API token; POST /v1/mail is served on the socket only.
        let overTCP = try await sandbox.tcp("GET", "/v1/quarantine?status=held", token: sandbox.token)
        #expect(overTCP.status == 200, "\(overTCP.text)")
        #expect(try overTCP.decode(QuarantineListDTO.self).messages.map(\.id) == [entry.id])
        #expect(try await sandbox.tcp("GET", "/v1/quarantine", token: nil).status == 401)
        #expect(try await sandbox.tcp("GET", "/v1/quarantine?status=lost", token: sandbox.token).status == 400)
        #expect(try await sandbox.tcp("POST", "/v1/mail", token: sandbox.token, body: Data(message.utf8)).status == 404)

        // drop: marked dropped, the bytes kept; dropping again is fine.
        let dropped = try await oncallctl(["quarantine", "drop", id] + socket)
        #expect(dropped.status == 0, "\(dropped)")
        #expect(dropped.stdout.contains("dropped"), "\(dropped)")
        #expect(try await oncallctl(["quarantine", "drop", id] + socket).status == 0)
        let droppedList = try await oncallctl(["quarantine", "list", "--status", "dropped", "--json"] + socket)
        let droppedEntries = try APIDates.decoder.decode(QuarantineListDTO.self, from: Data(droppedList.stdout.utf8)).messages
        #expect(droppedEntries.map(\.id) == [entry.id] && droppedEntries.first?.status == "dropped", "\(droppedList)")
        let held = try await oncallctl(["quarantine", "list", "--status", "held"] + socket)
        #expect(held.status == 0 && held.stdout.isEmpty, "nothing is held any more: \(held)")
        let missing = try await oncallctl(["quarantine", "show", "999"] + socket)
        #expect(missing.status == 1 && missing.stderr.contains("no quarantined message 999"), "\(missing)")
        #expect(try await oncallctl(["quarantine", "list", "--status", "lost"] + socket).status == 64)

        // Mail from the socket that cannot be parsed is quarantined the same way.
        let file = sandbox.path + "/deep.eml"
        try sandbox.write(Self.nested(levels: 12, messageID: "<deep-2@corp.example.com>"), to: file)
        let local = try await sandbox.ctl("report", ["--eml", file])
        #expect(local.status == 0 && local.stdout.hasPrefix("quarantined: "), "\(local)")
        let all = try APIDates.decoder.decode(
            QuarantineListDTO.self, from: Data(try await oncallctl(["quarantine", "list", "--json"] + socket).stdout.utf8))
        #expect(all.messages.map(\.integration) == ["local", "mta"], "newest first: \(all.messages)")
        #expect(try await sandbox.incidents().isEmpty)
    }

    @Test("report --eml with the helpdesk form (GB2312, quoted-printable) files an incident with the form's fields; again, the same incident; field options are refused with --eml")
    func reportEML() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        try sandbox.writeConfig(sandbox.config() + sandbox.inboundSections([]))
        _ = try await sandbox.startDaemon()
        let fixture = Self.root.appendingPathComponent("Tests/OncallMailTests/Fixtures/14-helpdesk-report-form.eml").path

        let reported = try await sandbox.ctl("report", ["--eml", fixture, "--recipient", "faults+wms@example.com"])
        #expect(reported.status == 0, "\(reported)\n\(sandbox.logs)")
        #expect(reported.stdout == "INC-000001\n", "\(reported)")

        let incident = try await sandbox.show("INC-000001")
        #expect(incident.subject == "WMS 出库单无法打印", "the labelled subject beats the Subject header: \(incident.subject)")
        #expect(incident.organisation == "华东物流中心")
        #expect(incident.reporter == "周敏")
        #expect(incident.reporterContact == "021-5555-0123")
        #expect(incident.description == "点击“打印出库单”后无反应，打印服务日志显示队列超时。", "\(incident.description ?? "nil")")
        #expect(incident.scope == .all)
        #expect(incident.level == 1)
        #expect(incident.service == "WMS", "faults+wms@… picks the service")
        #expect(incident.outageStarted == ISO8601DateFormatter().date(from: "2025-03-03T01:15:00Z"))

        // The same file again: the same incident (deduplicated by Message-ID).
        let again = try await sandbox.ctl("report", ["--eml", fixture])
        #expect(again.status == 0 && again.stdout == "INC-000001\n", "\(again)")
        let json = try await sandbox.ctl("report", ["--eml", fixture, "--json"])
        let answer = try JSONDecoder().decode(IngestAnswerDTO.self, from: Data(json.stdout.utf8))
        #expect(answer.incident == "INC-000001", "\(json)")

        let refused = try await sandbox.ctl("report", ["--eml", fixture, "--subject", "x"])
        #expect(refused.status == 64 && refused.stderr.contains("--subject"), "\(refused)")
        let unreadable = try await sandbox.ctl("report", ["--eml", sandbox.path + "/no-such.eml"])
        #expect(unreadable.status == 64, "\(unreadable)")
        #expect(try await sandbox.incidents().count == 1)
    }
}
}
