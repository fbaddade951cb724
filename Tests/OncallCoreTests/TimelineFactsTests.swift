import Foundation
import OncallCore
import Testing

/// Timeline facts are stored as a JSON object of strings and read back as the same typed value;
/// what cannot be read is an error naming the row, never a guess.
@Suite struct TimelineFactsTests {
    /// Facts keep instants to the second (as they are shown); the entry's own time keeps its fraction.
    static let at = Date(timeIntervalSince1970: 1_796_000_000)
    static let eventAt = Date(timeIntervalSince1970: 1_796_000_000.25)

    /// One entry of every kind, with every optional fact set where a kind has some.
    static let everyKind: [TimelineFacts] = [
        .reported(.init(level: .level2, scope: .most, outage: "25m", emergencyAfter: "10m")),
        .acknowledged,
        .escalated(.init(reason: "not fixed within 10 minutes", trigger: .timer, dueAt: at)),
        .relevelled(.init(from: .level3, to: .level2, reason: "outage passed 20 minutes")),
        .note(.init(text: "重启了订单服务")),
        .resolved(.init(summary: "disk cleaned")),
        .closed,
        .dispatch(.init(step: .dispatched, visit: .init(
            attempt: 2, engineer: "zhao", branch: "shanghai", region: "east", sla: .covered, acceptBy: at,
            arriveBy: at.addingTimeInterval(3600), warranty: "in", chargeable: false, site: "Store 12",
            skill: "pos", fallback: "hq", summary: "replaced PSU", reason: "declined", note: "gate code 4711"))),
        .slaBreach(.init(
            deadlines: [.accept, .arrival], attempt: 1, engineer: "zhao", branch: "shanghai", dueAt: at,
            reason: "no answer", toEmergencyGroup: true)),
        .postmortem(.init(step: .rejected, owner: "li", comment: "timeline incomplete", sha256: "ab12", reminder: "first")),
    ]

    @Test(arguments: everyKind)
    func factsReadBackAsWritten(_ facts: TimelineFacts) throws {
        let event = TimelineEvent(facts, at: Self.eventAt, actor: "helpdesk")
        let read = try TimelineEvent(
            storedKind: event.kind.rawValue, at: event.at, actor: event.actor, storedDetails: event.storedDetails, row: "row 1")
        #expect(read == event)
    }

    @Test func storedDetailsAreAnObjectOfStringsWithTheWireKeys() throws {
        let event = TimelineEvent(
            .slaBreach(.init(deadlines: [.accept, .arrival], attempt: 3, toEmergencyGroup: true)), at: Self.at, actor: "timer")
        let object = try #require(JSONSerialization.jsonObject(with: Data(event.storedDetails.utf8)) as? [String: String])
        #expect(object == ["deadline": "accept,arrival", "attempt": "3", "escalation": "emergency_group"])
        #expect(event.details == object)
    }

    @Test func keysALaterVersionAddedAreIgnored() throws {
        let read = try TimelineEvent(
            storedKind: "note", at: Self.at, actor: "li", storedDetails: #"{"text":"hello","mood":"calm"}"#, row: "row 7")
        #expect(read.facts == .note(.init(text: "hello")))
    }

    @Test(arguments: [
        ("paged", "{}", "row 9: unknown kind 'paged'"),
        ("relevelled", #"{"from_level":"1","to_level":"7","reason":"x"}"#, "row 9: its relevelled details do not read"),
        ("note", "{}", "row 9: its note details do not read"),
        ("escalated", #"{"reason":"x","trigger":"timer","due_at":"yesterday"}"#, "row 9: its escalated details do not read"),
    ])
    func unreadableRowsAreErrorsNamingTheRow(kind: String, details: String, message: String) {
        #expect {
            try TimelineEvent(storedKind: kind, at: Self.at, actor: "x", storedDetails: details, row: "row 9")
        } throws: { error in
            guard case let .unreadable(what) = error as? StoreError else { return false }
            return what.hasPrefix(message)
        }
    }
}
