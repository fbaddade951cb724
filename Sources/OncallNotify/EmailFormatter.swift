import Crypto
import Foundation
import OncallSupport

/// Turns an `OutgoingEmail` into the RFC 5322 message libcurl uploads: CRLF line ends, RFC 2047 headers,
/// base64 UTF-8 bodies. libcurl does the SMTP dot-stuffing.
public enum EmailFormatter {
    /// Header names the formatter writes itself; `extraHeaders` may not repeat or override them.
    static let reservedHeaders: Set<String> = [
        "date", "from", "sender", "to", "cc", "bcc", "subject", "message-id", "in-reply-to", "references",
        "mime-version", "content-type", "content-transfer-encoding", "auto-submitted", "x-auto-response-suppress",
    ]

    /// The whole message, dated `date` (shown in UTC).
    public static func format(_ email: OutgoingEmail, date: Date) -> Data {
        var headers: [String] = []
        headers.append("Date: " + rfc5322Date(date))
        headers.append(addressHeader("From", [email.from]))
        headers.append(addressHeader("To", email.to))
        var subject = MIMEHeaderWriter(name: "Subject")
        subject.append(text: TextEscaping.headerValue(email.subject))
        headers.append(subject.text)
        let messageID = messageIDText(email.messageID)
        headers.append("Message-ID: <\(messageID)>")
        if let inReplyTo = email.inReplyTo.map(messageIDText), !inReplyTo.isEmpty {
            var field = MIMEHeaderWriter(name: "In-Reply-To")
            field.append(token: "<\(inReplyTo)>")
            headers.append(field.text)
        }
        let references = email.references.map(messageIDText).filter { !$0.isEmpty }
        if !references.isEmpty {
            var field = MIMEHeaderWriter(name: "References")
            for reference in references { field.append(token: "<\(reference)>") }
            headers.append(field.text)
        }
        // Tell auto-responders (RFC 3834) and Exchange's out-of-office not to answer a robot.
        headers.append("Auto-Submitted: auto-generated")
        headers.append("X-Auto-Response-Suppress: All")
        for (name, value) in email.extraHeaders {
            guard isValidHeaderName(name), !reservedHeaders.contains(name.lowercased()) else { continue }
            var field = MIMEHeaderWriter(name: name)
            field.append(text: TextEscaping.headerValue(value))
            headers.append(field.text)
        }
        headers.append("MIME-Version: 1.0")

        var body: String
        if let html = email.htmlBody {
            let boundary = boundary(for: messageID)
            headers.append("Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"")
            body = "This is a multi-part message in MIME format.\r\n"
            body += "\r\n--\(boundary)\r\n" + textPart(email.textBody, subtype: "plain")
            body += "\r\n--\(boundary)\r\n" + textPart(html, subtype: "html")
            body += "\r\n--\(boundary)--\r\n"
        } else {
            headers.append("Content-Type: text/plain; charset=UTF-8")
            headers.append("Content-Transfer-Encoding: base64")
            body = base64Lines(canonicalText(email.textBody))
        }
        return Data((headers.joined(separator: "\r\n") + "\r\n\r\n" + body).utf8)
    }

    /// `Tue, 14 Nov 2023 22:13:20 +0000`: RFC 5322 `date-time`, in UTC, with English names whatever the locale.
    public static func rfc5322Date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let day = String(format: "%02d", parts.day ?? 1)
        let time = String(format: "%04d %02d:%02d:%02d", parts.year ?? 1970, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
        return "\(weekdays[(parts.weekday ?? 1) - 1]), \(day) \(months[(parts.month ?? 1) - 1]) \(time) +0000"
    }

    /// The multipart boundary for a message: random-looking but the same for every retry of the same Message-ID.
    /// `=_` cannot occur in base64 text, so the boundary never collides with a part's content.
    static func boundary(for messageID: String) -> String {
        let digest = SHA256.hash(data: Data(messageID.utf8))
        return "=_oncalld_" + Hex.string(digest.prefix(12))
    }

    /// `From:`/`To:` with each display name encoded as needed and a comma after all but the last mailbox.
    private static func addressHeader(_ name: String, _ mailboxes: [String]) -> String {
        var field = MIMEHeaderWriter(name: name)
        let parsed = mailboxes.map(MailboxAddress.init(parsing:)).filter { !$0.address.isEmpty }
        guard !parsed.isEmpty else {
            field.append(token: "undisclosed-recipients:;")
            return field.text
        }
        for (index, mailbox) in parsed.enumerated() {
            let separator = index < parsed.count - 1 ? "," : ""
            if let displayName = mailbox.name {
                field.append(displayName: displayName)
                field.append(token: "<\(mailbox.address)>" + separator)
            } else {
                field.append(token: mailbox.address + separator)
            }
        }
        return field.text
    }

    /// One `text/*` body part: its headers, a blank line and the base64 body.
    private static func textPart(_ text: String, subtype: String) -> String {
        "Content-Type: text/\(subtype); charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + base64Lines(canonicalText(text))
    }

    /// Text in MIME canonical form: every line break CRLF.
    private static func canonicalText(_ text: String) -> Data {
        let unified = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        return Data(unified.replacingOccurrences(of: "\n", with: "\r\n").utf8)
    }

    /// Base64 in lines of 76 characters (RFC 2045), each ending in CRLF.
    static func base64Lines(_ data: Data) -> String {
        let encoded = Array(data.base64EncodedString().utf8)
        var result = ""
        var start = 0
        while start < encoded.count {
            let end = min(start + 76, encoded.count)
            result += String(decoding: encoded[start..<end], as: UTF8.self) + "\r\n"
            start = end
        }
        return result
    }

    /// A Message-ID's text with anything that could break the header or the angle brackets removed.
    private static func messageIDText(_ id: String) -> String {
        String(id.unicodeScalars.filter { $0.value > 0x20 && $0.value < 0x7F && $0 != "<" && $0 != ">" }.map(Character.init))
    }

    /// RFC 5322 field names: printable ASCII except the colon.
    private static func isValidHeaderName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && $0 != ":" }
    }
}
