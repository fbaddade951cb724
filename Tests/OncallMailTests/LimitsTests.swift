import Foundation
import OncallMail
import Testing

@Suite("Limits refuse hostile messages quickly")
struct LimitsTests {
    /// Runs `body` and checks it took less than `seconds` (debug builds are slow; the bounds
    /// are generous but would catch quadratic behaviour).
    private func quickly<T>(_ seconds: Int = 5, _ body: () throws -> T) rethrows -> T {
        let start = ContinuousClock.now
        let result = try body()
        #expect(ContinuousClock.now - start < .seconds(seconds))
        return result
    }

    @Test("a message over the size limit is refused before parsing")
    func tooLarge() {
        let data = Data(repeating: 0x41, count: 25 * 1024 * 1024 + 1)
        #expect(throws: MIMEError.tooLarge(size: data.count, limit: 25 * 1024 * 1024)) {
            try quickly { try MIMEParser.parse(data) }
        }
        let small = Data("Subject: x\r\n\r\n0123456789".utf8)
        #expect(throws: MIMEError.tooLarge(size: small.count, limit: 10)) {
            try MIMEParser.parse(small, limits: MIMELimits(maxMessageBytes: 10))
        }
    }

    @Test("nesting deeper than the limit is refused")
    func tooDeep() {
        var message = "Subject: deep\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n"
        var closing = ""
        for level in 1...2000 {
            message += "--b\(level - 1)\r\nContent-Type: multipart/mixed; boundary=b\(level)\r\n\r\n"
            closing = "--b\(level - 1)--\r\n" + closing
        }
        message += "--b2000\r\n\r\ntext\r\n--b2000--\r\n" + closing
        let data = Data(message.utf8)
        #expect(throws: MIMEError.tooDeep(limit: 10)) { try quickly { try MIMEParser.parse(data) } }
    }

    @Test("forwards nested past the limit are refused")
    func tooDeepForwards() {
        var message = "Subject: innermost\r\n\r\nhello\r\n"
        for _ in 0..<12 {
            message = "Subject: fwd\r\nContent-Type: message/rfc822\r\n\r\n" + message
        }
        #expect(throws: MIMEError.tooDeep(limit: 10)) { try MIMEParser.parse(Data(message.utf8)) }
        #expect(throws: Never.self) { try MIMEParser.parse(Data(message.utf8), limits: MIMELimits(maxDepth: 30)) }
    }

    @Test("more parts than the limit are refused without parsing them all")
    func tooManyParts() {
        var message = "Subject: parts\r\nContent-Type: multipart/mixed; boundary=p\r\n\r\n"
        message += String(repeating: "--p\r\n\r\nx\r\n", count: 200_000) + "--p--\r\n"
        let data = Data(message.utf8)
        #expect(throws: MIMEError.tooManyParts(limit: 200)) { try quickly { try MIMEParser.parse(data) } }
        // Exactly at the limit is fine: 199 parts plus the multipart itself.
        var fits = "Subject: parts\r\nContent-Type: multipart/mixed; boundary=p\r\n\r\n"
        fits += String(repeating: "--p\r\n\r\nx\r\n", count: 199) + "--p--\r\n"
        #expect(throws: Never.self) { try MIMEParser.parse(Data(fits.utf8)) }
    }

    @Test("a giant header block is refused under a tighter limit, and read by default")
    func giantHeader() throws {
        let folded = "Subject: start\r\n" + String(repeating: " more words for the subject\r\n", count: 100_000) + "\r\nbody"
        let oneLine = "X-Big: " + String(repeating: "a", count: 5_000_000) + "\r\n\r\nbody"
        let tight = MIMELimits(maxHeaderBytes: 64 * 1024)
        #expect(throws: MIMEError.headerTooLong(limit: 64 * 1024)) {
            try quickly { try MIMEParser.parse(Data(folded.utf8), limits: tight) }
        }
        #expect(throws: MIMEError.headerTooLong(limit: 64 * 1024)) {
            try quickly { try MIMEParser.parse(Data(oneLine.utf8), limits: tight) }
        }
        // By default a header block may be as large as the message; it is parsed in linear time.
        let foldedMail = try quickly(20) { try MIMEParser.parse(Data(folded.utf8)) }
        #expect(foldedMail.subject?.count == "start".count + 100_000 * " more words for the subject".count)
        #expect(foldedMail.textBody == "body")
        let oneLineMail = try quickly(20) { try MIMEParser.parse(Data(oneLine.utf8)) }
        #expect(oneLineMail.header("X-Big")?.count == 5_000_000)
        #expect(oneLineMail.textBody == "body")

        let many = String(repeating: "X-A: b\r\n", count: 600) + "\r\nbody"
        #expect(throws: MIMEError.tooManyHeaders(limit: 500)) { try MIMEParser.parse(Data(many.utf8)) }
    }

    @Test("a field longer than a tighter field limit is truncated with a warning, not refused")
    func longField() throws {
        let references = (0..<1000).map { "<id\($0)@example.com>" }.joined(separator: " ")
        let message = Data("Subject: re\r\nReferences: \(references)\r\n\r\nbody".utf8)
        let mail = try MIMEParser.parse(message, limits: MIMELimits(maxHeaderFieldBytes: 16 * 1024))
        #expect(mail.references.count < 1000)
        #expect(mail.references.first == "id0@example.com")
        #expect(mail.warnings.contains { $0.contains("header References truncated") })
        // By default the whole chain is read (MessageIDs keeps the first 500 ids).
        let whole = try MIMEParser.parse(message)
        #expect(whole.rawHeader("References") == references)
        #expect(whole.references.count == 500)
        #expect(whole.warnings.isEmpty)
    }

    @Test("input that is not a message", arguments: [
        ("", "empty input"),
        ("just some text\r\nwithout headers", "the first line is not a header field"),
        ("{\"json\": true}", "the first line is not a header field"),
        ("\r\n\r\n", "no header fields"),
    ])
    func notAMessage(text: String, reason: String) {
        #expect(throws: MIMEError.notAMessage(reason: reason)) { try MIMEParser.parse(Data(text.utf8)) }
    }

    @Test("large ordinary bodies parse in linear time")
    func largeBody() throws {
        let line = "2025-03-03 09:14:58 ERROR wms-print: spooler timeout after 30s -- not a boundary\r\n"
        var message = "Subject: big\r\nContent-Type: multipart/mixed; boundary=\"zz\"\r\n\r\n--zz\r\nContent-Type: text/plain\r\n\r\n"
        message += String(repeating: line, count: 60_000)
        message += "--zz\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        message += String(repeating: "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3ODkwMTIzNDU2Nzg5MDEyMzQ1Njc4OTAx\r\n", count: 40_000)
        message += "--zz--\r\n"
        let mail = try quickly(20) { try MIMEParser.parse(Data(message.utf8)) }
        #expect(mail.textBody?.hasSuffix("not a boundary") == true)
        #expect(mail.attachments.first?.size == 40_000 * 54)
    }
}
