import Foundation

/// One message the SMTP sink accepted, as Python's `email` package (policy.default) read it.
struct ReceivedMail: Decodable, Sendable, CustomStringConvertible {
    var seq: Int
    /// When the sink accepted it, in Unix seconds.
    var at: Double
    /// The SMTP envelope.
    var mailFrom: String
    var rcptTos: [String]
    /// `[display name, address]` per mailbox; the name is "" when there is none.
    var from: [[String]]
    var to: [[String]]
    /// The subject with RFC 2047 encoded words decoded.
    var subject: String
    /// The Subject header exactly as sent (unfolded).
    var rawSubject: String?
    var messageID: String
    var inReplyTo: String
    var references: String
    /// `X-Oncalld-Incident`.
    var incident: String
    var contentType: String
    /// The text/plain and text/html bodies, decoded.
    var text: String?
    var html: String?
    /// Python's MIME defects for the message and its parts (none for a well-formed message).
    var defects: [String]
    var parseError: String?

    enum CodingKeys: String, CodingKey {
        case seq, at, from, to, subject, references, incident, text, html, defects
        case mailFrom = "mail_from", rcptTos = "rcpt_tos", rawSubject = "raw_subject", messageID = "message_id"
        case inReplyTo = "in_reply_to", contentType = "content_type", parseError = "parse_error"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        seq = try c.decode(Int.self, forKey: .seq)
        at = try c.decode(Double.self, forKey: .at)
        mailFrom = try c.decode(String.self, forKey: .mailFrom)
        rcptTos = try c.decode([String].self, forKey: .rcptTos)
        parseError = try c.decodeIfPresent(String.self, forKey: .parseError)
        from = try c.decodeIfPresent([[String]].self, forKey: .from) ?? []
        to = try c.decodeIfPresent([[String]].self, forKey: .to) ?? []
        subject = try c.decodeIfPresent(String.self, forKey: .subject) ?? ""
        rawSubject = try c.decodeIfPresent(String.self, forKey: .rawSubject)
        messageID = try c.decodeIfPresent(String.self, forKey: .messageID) ?? ""
        inReplyTo = try c.decodeIfPresent(String.self, forKey: .inReplyTo) ?? ""
        references = try c.decodeIfPresent(String.self, forKey: .references) ?? ""
        incident = try c.decodeIfPresent(String.self, forKey: .incident) ?? ""
        contentType = try c.decodeIfPresent(String.self, forKey: .contentType) ?? ""
        text = try c.decodeIfPresent(String.self, forKey: .text)
        html = try c.decodeIfPresent(String.self, forKey: .html)
        defects = try c.decodeIfPresent([String].self, forKey: .defects) ?? []
    }

    /// The envelope recipient, when there is exactly one.
    var recipient: String? { rcptTos.count == 1 ? rcptTos[0] : nil }

    /// The text body with CRLF line ends made LF.
    var plainText: String { (text ?? "").replacingOccurrences(of: "\r\n", with: "\n") }

    /// The value of the first `Label: value` line of the text body whose label is `label`.
    func textLine(_ label: String) -> String? {
        for line in plainText.split(separator: "\n") where line.hasPrefix(label + ": ") {
            return String(line.dropFirst(label.count + 2)).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    var description: String { "#\(seq) to \(rcptTos) «\(subject)»" }
}

/// A real SMTP server (Python's aiosmtpd) on 127.0.0.1 that accepts everything and records each message
/// as a JSON line (`Fixtures/smtp_sink.py`); raw messages are kept in a Maildir next to it. It can be
/// stopped and brought back on the same port (``RestartableHelper``).
final class SMTPSink: @unchecked Sendable {
    let helper: RestartableHelper
    let logPath: String

    init(directory: String) async throws {
        logPath = directory + "/smtp-sink.jsonl"
        helper = try await RestartableHelper(
            name: "smtp-sink", script: "smtp_sink.py", arguments: ["--log", logPath, "--maildir", directory + "/maildir"],
            directory: directory)
    }

    var url: String { "smtp://127.0.0.1:\(helper.port)" }

    /// Every message accepted so far, in order.
    func messages() throws -> [ReceivedMail] { try readJSONLines(ReceivedMail.self, from: logPath) }

    /// Waits until at least `count` messages arrived (or `until` holds) and returns them all.
    @discardableResult
    func waitForMessages(
        _ what: String, count: Int, timeout: Duration = .seconds(10), until: @escaping ([ReceivedMail]) -> Bool = { _ in true }
    ) async throws -> [ReceivedMail] {
        do {
            return try await eventually(what, timeout: timeout, interval: .milliseconds(50)) { () throws -> [ReceivedMail]? in
                let mails = try self.messages()
                return mails.count >= count && until(mails) ? mails : nil
            }
        } catch let error as HarnessError {
            throw HarnessError("\(error.description); the SMTP sink has: \((try? messages()) ?? [])\n\(helper.stderr)")
        }
    }
}
