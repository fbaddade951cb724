import Foundation
import Testing
import OncallSupport

@Suite("RFC 3339")
struct RFC3339Tests {
    static let t0 = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    @Test("offsets, Z and fractions of any length name the right instant", arguments: [
        ("2026-01-01T00:00:00Z", 0.0),
        ("2026-01-01T00:00:00.250Z", 0.25),
        ("2026-01-01T08:00:00+08:00", 0.0),
        ("2025-12-31T19:30:00-04:30", 0.0),
        ("2025-12-31T22:30:00.5-01:30", 0.5),
        ("2026-01-01T08:00:00.5+08:00", 0.5),
        ("2026-01-01T00:00:00.000000001Z", 0.000_000_001),
        ("2026-01-01t00:00:00z", 0.0),
        ("2026-01-01 00:00:00Z", 0.0),
    ])
    func parses(_ text: String, _ offset: Double) throws {
        let date = try #require(RFC3339.parse(text))
        #expect(abs(date.timeIntervalSince(Self.t0) - offset) < 0.000_000_1)
    }

    @Test("what is not an RFC 3339 date-time with a zone is refused", arguments: [
        "", "2026-01-01", "2026-01-01T00:00:00", "2026-01-01T00:00Z", "2026-01-01T00:00:00.Z", "2026-1-01T00:00:00Z",
        "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-01-01T24:00:00Z",
        "2026-01-01T00:60:00Z", "2026-01-01T00:00:00+0800", "2026-01-01T00:00:00+24:00", "2026-01-01T00:00:00Z ",
        "2026-01-01T00:00:00Zjunk", "yesterday",
    ])
    func refuses(_ text: String) {
        #expect(RFC3339.parse(text) == nil)
    }

    @Test("leap days and leap seconds")
    func leap() throws {
        #expect(RFC3339.parse("2024-02-29T00:00:00Z") != nil)
        #expect(RFC3339.parse("2000-02-29T00:00:00Z") != nil)
        #expect(RFC3339.parse("1900-02-29T00:00:00Z") == nil)
        #expect(RFC3339.parse("2016-12-31T23:59:60Z") == RFC3339.parse("2016-12-31T23:59:59Z"))
    }

    @Test("Go's zero time parses (Alertmanager's \"not ended\")")
    func goZeroTime() throws {
        let zero = try #require(RFC3339.parse("0001-01-01T00:00:00Z"))
        #expect(zero.timeIntervalSince1970 == -62_135_596_800)
        #expect(RFC3339.format(zero) == "0001-01-01T00:00:00Z")
    }

    @Test("formatting writes UTC, rounded to the millisecond, then cut to the digits asked for")
    func formats() {
        #expect(RFC3339.format(Self.t0) == "2026-01-01T00:00:00Z")
        #expect(RFC3339.format(Self.t0, fractionalDigits: 3) == "2026-01-01T00:00:00.000Z")
        #expect(RFC3339.format(Self.t0.addingTimeInterval(0.25), fractionalDigits: 3) == "2026-01-01T00:00:00.250Z")
        #expect(RFC3339.format(Self.t0.addingTimeInterval(-0.0004), fractionalDigits: 3) == "2026-01-01T00:00:00.000Z")
        #expect(RFC3339.format(Self.t0.addingTimeInterval(-0.0006), fractionalDigits: 3) == "2025-12-31T23:59:59.999Z")
        #expect(RFC3339.format(Self.t0.addingTimeInterval(59.9996), fractionalDigits: 3) == "2026-01-01T00:01:00.000Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
        #expect(RFC3339.format(Self.t0.addingTimeInterval(0.7)) == "2026-01-01T00:00:00Z")
        #expect(RFC3339.format(Self.t0.addingTimeInterval(0.9996)) == "2026-01-01T00:00:01Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: -0.7), fractionalDigits: 3) == "1969-12-31T23:59:59.300Z")
        #expect(RFC3339.format(Self.t0.addingTimeInterval(0.123_456_789), fractionalDigits: 6) == "2026-01-01T00:00:00.123457Z")
    }

    @Test("format then parse is the identity at millisecond precision", arguments: [
        0.0, 0.001, 0.123, 0.999, 1_700_000_000.123, 1_767_225_600.25, 4_102_444_799.999, -86_400.5,
    ])
    func roundTrip(_ seconds: Double) throws {
        let date = Date(timeIntervalSince1970: seconds)
        let text = RFC3339.format(date, fractionalDigits: 3)
        let back = try #require(RFC3339.parse(text))
        #expect(abs(back.timeIntervalSince(date)) < 0.000_5)
        #expect(RFC3339.format(back, fractionalDigits: 3) == text)
    }

    @Test("formatting agrees with ISO8601DateFormatter over many days")
    func agreesWithFoundation() {
        let formatter = ISO8601DateFormatter()
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var seconds = -2_208_988_800.0  // 1900-01-01
        while seconds < 4_102_444_800 {  // 2100-01-01
            let date = Date(timeIntervalSince1970: seconds)
            #expect(RFC3339.format(date) == formatter.string(from: date))
            #expect(RFC3339.format(date, fractionalDigits: 3) == fractional.string(from: date))
            #expect(RFC3339.parse(fractional.string(from: date)).map { RFC3339.format($0, fractionalDigits: 3) } == fractional.string(from: date))
            seconds += 86_400 * 17 + 3_607.371
        }
    }

    struct Stamped: Codable, Equatable {
        var at: Date
    }

    @Test("the JSON strategies read fractional and offset times and write milliseconds")
    func json() throws {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .rfc3339
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .rfc3339Milliseconds
        for text in ["2026-01-01T00:00:00.250Z", "2026-01-01T08:00:00.250+08:00"] {
            let stamped = try decoder.decode(Stamped.self, from: Data(#"{"at":"\#(text)"}"#.utf8))
            #expect(stamped.at == Self.t0.addingTimeInterval(0.25))
            #expect(String(decoding: try encoder.encode(stamped), as: UTF8.self) == #"{"at":"2026-01-01T00:00:00.250Z"}"#)
        }
        #expect(throws: DecodingError.self) { try decoder.decode(Stamped.self, from: Data(#"{"at":"2026-01-01"}"#.utf8)) }
    }
}
