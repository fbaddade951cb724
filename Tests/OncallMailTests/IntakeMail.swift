import Foundation
import OncallMail

/// Builds parsed mails for the intake tests from header lines and a body, through the real
/// parser, so the tests see what production sees (decoded subjects, Message-ID lists).
enum IntakeMail {
    /// A UTF-8 text/plain message; `headers` come first and may override nothing (they are added).
    static func make(
        from: String? = "Zhang Wei <zhangwei@corp.example.com>", to: String = "faults@example.com",
        subject: String? = "打印机故障", headers: [String] = [], body: String
    ) throws -> ParsedMail {
        var lines: [String] = []
        if let from { lines.append("From: \(from)") }
        lines.append("To: \(to)")
        if let subject { lines.append("Subject: \(subject)") }
        lines.append("Date: Tue, 4 Mar 2025 10:00:00 +0800")
        lines.append("Message-ID: <m-\(UInt(bitPattern: body.hashValue))@mail.example.com>")
        lines += headers
        lines += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit", ""]
        let raw = (lines + body.components(separatedBy: "\n")).joined(separator: "\r\n")
        return try MIMEParser.parse(Data(raw.utf8))
    }
}
