import Foundation
import OncallNotify
import OncallTesting
import Testing

@Suite("EmailFormatter: RFC 5322 / MIME / RFC 2047")
struct EmailFormatterTests {
    func email(
        subject: String = "[L1] 订单系统无法登录 · INC-000123", to: [String] = ["\"张伟\" <zhang.wei@example.com>"],
        html: String? = nil, extraHeaders: [(String, String)] = []
    ) -> OutgoingEmail {
        OutgoingEmail(
            from: "oncalld 值班系统 <oncalld@example.com>", to: to, subject: subject, textBody: "第一行\n第二行 https://example.com/x\n",
            htmlBody: html, messageID: "d41d8cd9@oncalld", inReplyTo: "inc-000123@oncalld",
            references: ["inc-000123@oncalld"], extraHeaders: extraHeaders)
    }

    func format(_ email: OutgoingEmail) throws -> RawMessage {
        try RawMessage(EmailFormatter.format(email, date: t0))
    }

    @Test("CRLF line ends only, and the header fields a mail client needs")
    func headers() throws {
        let message = try format(email())
        let bytes = Array(message.text.utf8)
        for (index, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "\n") { #expect(index > 0 && bytes[index - 1] == UInt8(ascii: "\r"), "bare LF at \(index)") }
            if byte == UInt8(ascii: "\r") { #expect(index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n"), "bare CR at \(index)") }
        }
        #expect(message.value("Date") == "Tue, 14 Nov 2023 22:13:20 +0000")
        #expect(message.value("Message-ID") == "<d41d8cd9@oncalld>")
        #expect(message.value("In-Reply-To") == "<inc-000123@oncalld>")
        #expect(message.value("References") == "<inc-000123@oncalld>")
        #expect(message.value("MIME-Version") == "1.0")
        #expect(message.value("Auto-Submitted") == "auto-generated")
        #expect(message.value("Content-Type") == "text/plain; charset=UTF-8")
        #expect(message.value("Content-Transfer-Encoding") == "base64")
        #expect(message.fields.map(\.name).filter { $0 == "Subject" }.count == 1)
    }

    @Test("Display names are encoded words outside quotes; the address stays plain")
    func displayNames() throws {
        let message = try format(email(to: ["\"张伟\" <zhang.wei@example.com>", "Li Na <li.na@example.com>", "\"Ops, Night\" <ops@example.com>", "bare@example.com"]))
        let to = try #require(message.value("To"))
        #expect(to.hasPrefix("=?UTF-8?B?5byg5Lyf?= <zhang.wei@example.com>,"))
        #expect(to.contains("Li Na <li.na@example.com>,"))
        #expect(to.contains("\"Ops, Night\" <ops@example.com>,"))
        #expect(to.hasSuffix("bare@example.com"))
        let from = try #require(message.raw("From"))
        #expect(EncodedWordDecoder.decode(from)?.trimmingCharacters(in: .whitespaces) == "oncalld 值班系统 <oncalld@example.com>")
    }

    @Test("Subjects of any length: lines ≤ 76, words ≤ 75, whole UTF-8 in each word, and they decode back",
          arguments: ["订单系统无法登录", "[L1] 订单系统无法登录 · INC-000123 — escalated to the emergency group",
                      String(repeating: "仓储中心订单系统无法登录，所有用户登录超时。", count: 8),
                      String(repeating: "告警🚨👩‍💻e\u{301}", count: 20), "=?UTF-8?B?not-a-word?= plain", "two  spaces ascii",
                      "x" + String(repeating: "y", count: 120)])
    func subjects(subject: String) throws {
        let message = try format(email(subject: subject))
        for line in message.headerLines { #expect(line.utf8.count <= 76, "long line: \(line)") }
        let raw = try #require(message.raw("Subject"))
        for token in raw.split(whereSeparator: { $0 == " " || $0 == "\r\n" || $0 == "\r" || $0 == "\n" }) where token.hasPrefix("=?") {
            #expect(token.count <= 75)
            #expect(EncodedWordDecoder.word(token) != nil, "word splits a UTF-8 sequence: \(token)")
        }
        #expect(EncodedWordDecoder.decode(raw)?.trimmingCharacters(in: .whitespaces) == subject)
    }

    @Test("Every prefix length of a mixed subject round-trips and folds within 76 characters")
    func everyLength() throws {
        let source = "值班 on-call 告警🚨 INC-000123 订单系统无法登录 · level 1 故障"
        for length in 1...source.count {
            let subject = String(source.prefix(length)).trimmingCharacters(in: .whitespaces)
            guard !subject.isEmpty else { continue }
            let message = try format(email(subject: subject))
            for line in message.headerLines { #expect(line.utf8.count <= 76) }
            #expect(EncodedWordDecoder.decode(try #require(message.raw("Subject")))?.trimmingCharacters(in: .whitespaces) == subject)
        }
    }

    @Test("A long ASCII subject folds at spaces and unfolds to the original")
    func asciiFolding() throws {
        let subject = Array(repeating: "database replication lag on the primary cluster", count: 4).joined(separator: " ")
        let message = try format(email(subject: subject))
        let raw = try #require(message.raw("Subject"))
        #expect(raw.contains("\r\n "))
        #expect(!raw.contains("=?"))
        for line in message.headerLines { #expect(line.count <= 76) }
        // Unfolding (RFC 5322 3.2.2) removes each CRLF and keeps the space after it.
        #expect(raw.replacingOccurrences(of: "\r\n", with: "").dropFirst() == subject)
    }

    @Test("CR/LF in any header input cannot add a header (injection)")
    func headerInjection() throws {
        let message = try format(OutgoingEmail(
            from: "oncalld <oncalld@example.com>\r\nBcc: evil@example.com", to: ["victim@example.com\r\nBcc: evil2@example.com"],
            subject: "hello\r\nBcc: evil3@example.com\nX-Evil: 1", textBody: "body", messageID: "id@x>\r\nBcc: evil4@example.com",
            inReplyTo: "a\r\nX-Evil: 2", references: ["b\nX-Evil: 3"],
            extraHeaders: [("X-Oncalld-Incident", "INC-000123\r\nBcc: evil5@example.com"), ("Content-Type", "text/html"),
                           ("Bad Name", "x"), ("X-Colon:Name", "y"), ("X-Evil\r\nBcc", "z")]))
        for line in message.headerLines {
            #expect(!line.lowercased().hasPrefix("bcc"), "injected: \(line)")
            #expect(!line.lowercased().hasPrefix("x-evil"), "injected: \(line)")
        }
        #expect(message.fields.filter { $0.name.caseInsensitiveCompare("Content-Type") == .orderedSame }.count == 1)
        #expect(message.value("Content-Type") == "text/plain; charset=UTF-8")
        #expect(message.value("X-Oncalld-Incident") == "INC-000123 Bcc: evil5@example.com")
        #expect(message.value("Subject") == "hello Bcc: evil3@example.com X-Evil: 1")
        let id = try #require(message.value("Message-ID"))
        #expect(id.hasPrefix("<") && id.hasSuffix(">") && !id.dropFirst().dropLast().contains(">"))
        #expect(message.fields.allSatisfy { !$0.name.contains(" ") })
    }

    @Test("A plain body is base64 UTF-8 in lines of 76 with CRLF line breaks inside")
    func plainBody() throws {
        let long = String(repeating: "所有用户登录超时 all users time out. ", count: 20)
        var mail = email()
        mail.textBody = "第一行\n" + long + "\r\nlast"
        let message = try format(mail)
        let lines = message.body.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count > 3)
        for line in lines { #expect(line.count <= 76) }
        let decoded = try #require(Data(base64Encoded: lines.joined()))
        #expect(String(decoding: decoded, as: UTF8.self) == "第一行\r\n" + long + "\r\nlast")
    }

    @Test("With HTML: multipart/alternative, a boundary fixed by the Message-ID, both parts base64")
    func multipart() throws {
        let mail = email(html: "<p>订单系统 &amp; 登录</p>")
        let message = try format(mail)
        let contentType = try #require(message.value("Content-Type"))
        #expect(contentType.hasPrefix("multipart/alternative;"))
        let boundary = try #require(contentType.components(separatedBy: "boundary=\"").last?.dropLast())
        #expect(boundary.hasPrefix("=_oncalld_"))
        #expect(message.value("Content-Transfer-Encoding") == nil)
        // The same message id gives the same boundary (retries are byte-identical); another id another.
        #expect(try format(mail).text == message.text)
        var other = mail
        other.messageID = "other@oncalld"
        #expect(try #require(try format(other).value("Content-Type")) != contentType)

        let parts = message.body.components(separatedBy: "--" + boundary)
        #expect(parts.count == 4, "preamble, two parts, epilogue")
        #expect(parts[3].hasPrefix("--"))
        var decoded: [String] = []
        for (part, subtype) in zip(parts[1...2], ["plain", "html"]) {
            let section = try RawMessage(Data(part.utf8.dropFirst(2)))
            #expect(section.value("Content-Type") == "text/\(subtype); charset=UTF-8")
            #expect(section.value("Content-Transfer-Encoding") == "base64")
            let base64 = section.body.components(separatedBy: "\r\n").joined()
            decoded.append(String(decoding: try #require(Data(base64Encoded: base64)), as: UTF8.self))
        }
        #expect(decoded == ["第一行\r\n第二行 https://example.com/x\r\n", "<p>订单系统 &amp; 登录</p>"])
    }

    @Test("MailboxAddress parses and formats the usual forms")
    func mailboxes() {
        #expect(MailboxAddress(parsing: "\"张伟\" <zhang.wei@example.com>") == MailboxAddress(name: "张伟", address: "zhang.wei@example.com"))
        #expect(MailboxAddress(parsing: " <a@b.c> ") == MailboxAddress(address: "a@b.c"))
        #expect(MailboxAddress(parsing: "a@b.c").name == nil)
        #expect(MailboxAddress(parsing: "\"Zhang \\\"Wei\\\"\" <z@x>").name == "Zhang \"Wei\"")
        for name in ["张伟", "Ops, Night", "a \"quoted\" \\ name", "O'Brien <boss>"] {
            let text = MailboxAddress.format(name: name, address: "p@example.com")
            #expect(MailboxAddress(parsing: text) == MailboxAddress(name: name, address: "p@example.com"), "\(text)")
        }
        #expect(MailboxAddress.format(name: nil, address: "p@example.com") == "p@example.com")
        // Whatever the input, an address cannot carry a second recipient or end the header.
        let mangled = MailboxAddress(parsing: "x@y.z>, evil@w\r\nBcc: e@v").address
        #expect(!mangled.contains(",") && !mangled.contains(" ") && !mangled.contains("\n") && !mangled.contains(">"))
    }
}
