import Foundation
import OncallMail
import Testing

@Suite("Malformed input never crashes")
struct MalformedInputTests {
    /// A small deterministic generator (xorshift64*), so failures reproduce.
    private struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state >> 12
            state ^= state << 25
            state ^= state >> 27
            return state &* 2_685_821_657_736_338_717
        }
        mutating func below(_ bound: Int) -> Int { bound <= 0 ? 0 : Int(next() % UInt64(bound)) }
    }

    /// Parses and accepts either outcome; only a crash or a hang fails.
    private func survive(_ bytes: [UInt8]) {
        do {
            let mail = try MIMEParser.parse(Data(bytes))
            _ = mail.textBody
        } catch {
            // Any MIMEError is an acceptable answer for garbage.
            _ = error.description
        }
    }

    @Test("mutated fixtures parse or are refused", .timeLimit(.minutes(5)))
    func mutations() throws {
        let tokens: [[UInt8]] = ["\r\n", "\n", "--", "=?", "?=", "=", ":", ";", "\"", "<", ">", "&#", "(", "boundary=", "Content-Type: multipart/mixed; boundary=x\r\n", "--x\r\n", "=?utf-8?B?", "*0*=", "%"].map { Array($0.utf8) }
        var generator = Generator(state: 0x9E37_79B9_7F4A_7C15)
        for name in try FixtureLoader.names() {
            let original = [UInt8](try FixtureLoader.data(name))
            for _ in 0..<40 {
                var bytes = original
                for _ in 0..<(1 + generator.below(6)) {
                    switch generator.below(5) {
                    case 0 where !bytes.isEmpty:
                        bytes[generator.below(bytes.count)] = UInt8(truncatingIfNeeded: generator.next())
                    case 1 where !bytes.isEmpty:
                        bytes.removeSubrange(generator.below(bytes.count)..<bytes.count)
                    case 2:
                        bytes.insert(contentsOf: tokens[generator.below(tokens.count)], at: generator.below(bytes.count + 1))
                    case 3 where bytes.count > 2:
                        let start = generator.below(bytes.count - 1)
                        let end = min(bytes.count, start + 1 + generator.below(64))
                        bytes.insert(contentsOf: bytes[start..<end], at: generator.below(bytes.count + 1))
                    default:
                        if !bytes.isEmpty { bytes.remove(at: generator.below(bytes.count)) }
                    }
                }
                survive(bytes)
            }
        }
    }

    @Test("edge cases", arguments: [
        "Subject: x", "Subject: x\r\n", "Subject: x\r\n\r\n", "Subject:", ":", ": value\r\n\r\n", " folded first\r\nSubject: x\r\n\r\n",
        "Subject: x\r\nContent-Type: multipart/mixed; boundary=\"\"\r\n\r\n----\r\n",
        "Subject: x\r\nContent-Type: multipart/mixed; boundary=a\r\n\r\n--a",
        "Subject: x\r\nContent-Type: multipart/mixed; boundary=a\r\n\r\n--a--",
        "Subject: x\r\nContent-Type: multipart/alternative; boundary=a\r\n\r\n--a\r\n--a\r\n--a--\r\n",
        "Subject: x\r\nContent-Type: message/rfc822\r\n\r\n",
        "Subject: x\r\nContent-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!!",
        "Subject: x\r\nContent-Type: text/plain; charset=utf-7\r\n\r\n+ZeVnLw-",
        "Subject: x\r\nContent-Type: text/plain; charset=iso-2022-jp\r\n\r\n\u{1B}$B",
        "Subject: x\r\nContent-Type: text/plain; charset=utf-16\r\n\r\nabc",
        "Subject: =?utf-16?B?2D3eAA==?=\r\n\r\n",
        "Subject: x\r\nContent-Type: text/html\r\n\r\n<a href=",
        "Subject: x\r\nContent-Type: text/plain; format=flowed; delsp=yes\r\n\r\n \r\n>  \r\n>>> a \r\nb",
        "Subject: x\r\nContent-Disposition: attachment; filename*0*=''; filename*1*=%\r\n\r\ndata",
        "Subject: x\r\nContent-Type: multipart/digest; boundary=d\r\n\r\n--d\r\n\r\nSubject: inner\r\n\r\nhi\r\n--d--",
        "From \r\n",
        "\u{0}\u{0}\u{0}: \u{0}",
    ])
    func edgeCases(text: String) {
        survive(Array(text.utf8))
    }

    @Test("random bytes", .timeLimit(.minutes(2)))
    func randomBytes() {
        var generator = Generator(state: 42)
        for _ in 0..<300 {
            let count = generator.below(2000)
            let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            survive(Array("Subject: r\r\nContent-Type: multipart/mixed; boundary=\"r\"\r\n\r\n--r\r\n".utf8) + bytes)
            survive(bytes)
        }
    }

    /// How some of the hand-made regression inputs must come out (the rest, and every fuzzer
    /// finding added later, need only survive). `nil`: parsed, not refused.
    private static let regressionOutcomes: [String: MIMEError?] = [
        "02-nested-multipart-60-levels.eml": .tooDeep(limit: MIMELimits().maxDepth),
        "06-header-block-over-limit.eml": nil,
        "15-too-many-parts.eml": .tooManyParts(limit: MIMELimits().maxParts),
        "01-unterminated-multipart-boundary.eml": nil,
        "05-huge-folded-header.eml": nil,
        "13-boundary-prefix-of-another.eml": nil,
        "16-continuation-before-first-field.eml": nil,
        "17-base64-damaged-tails.eml": nil,
        "18-unknown-charset-labels.eml": nil,
        "19-headerless-forwarded-messages.eml": nil,
        "20-forward-with-empty-outer.eml": nil,
        "21-huge-folded-encoded-subject.eml": nil,
        "22-encoded-word-fragments.eml": nil,
        "23-address-list-colon-flood.eml": nil,
    ]

    /// Every file in `Fixtures/fuzz-regressions/` (hand-made hostile inputs, see
    /// `generate_fuzz_regressions.py`, and whatever the fuzzer found and `.ci/run` told you to copy
    /// there, under any name) parses to a mail or a `MIMEError`, each within 5 seconds. A missing
    /// or empty folder fails: a regression test with nothing to replay must not pass.
    @Test("inputs the fuzzer found are handled", .timeLimit(.minutes(1)))
    func fuzzRegressions() throws {
        let folder = FixtureLoader.directory.appendingPathComponent("fuzz-regressions", isDirectory: true)
        var isDirectory: ObjCBool = false
        try #require(
            FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) && isDirectory.boolValue,
            "no folder \(folder.path): it holds the regression inputs (Tests/OncallMailTests/Fixtures/fuzz-regressions)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
        try #require(names.count >= Self.regressionOutcomes.count, "fuzz-regressions/ has only \(names)")
        for name in Self.regressionOutcomes.keys.sorted() {
            #expect(names.contains(name), "\(name) is missing from fuzz-regressions/")
        }

        for name in names {
            let bytes = try Data(contentsOf: folder.appendingPathComponent(name))
            try #require(!bytes.isEmpty, "\(name) is empty")
            let start = ContinuousClock.now
            let outcome: Result<ParsedMail, MIMEError> = Result { () throws(MIMEError) in try MIMEParser.parse(bytes) }
            if case .success(let mail) = outcome {
                // Touch what the endpoints read, so lazy work is inside the time bound too.
                _ = (mail.subject, mail.from, mail.textBody, mail.htmlBody, mail.attachments.count,
                     mail.forwardedMessages.count, mail.warnings.count)
            }
            let elapsed = ContinuousClock.now - start
            #expect(elapsed < .seconds(5), "\(name) took \(elapsed)")
            if let expected = Self.regressionOutcomes[name] {
                switch (outcome, expected) {
                case (.success, nil):
                    break
                case (.failure(let error), let expected?):
                    #expect(error == expected, "\(name)")
                case (.success, let expected?):
                    Issue.record("\(name) parsed; expected \(expected)")
                case (.failure(let error), nil):
                    Issue.record("\(name) was refused (\(error)); expected it to parse")
                }
            }
        }
    }
}
