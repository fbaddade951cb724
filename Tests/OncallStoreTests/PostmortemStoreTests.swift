import Foundation
import GRDB
import OncallCore
import OncallStore
import OncallTesting
import Synchronization
import Testing

/// Fault reports in the store: round trip, listing, the frozen archive, and timers that see the report.
@Suite("Fault report store")
final class PostmortemStoreTests: Sendable {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }

    @Test("a report round-trips every field with its incident's change", arguments: ArchiveBackend.allCases)
    func roundTrip(_ backend: ArchiveBackend) async throws {
        let store = try await ArchiveFixture.store(backend, in: directory)
        let incident = try await ArchiveFixture.report(store, .fixture())
        #expect(try await store.postmortems.postmortem(of: incident.id) == nil)
        try await ArchiveFixture.resolve(store, incident.id, sections: ArchiveFixture.sections(process: "09:00 发现\n09:10 修复"))
        var expected = Postmortem(
            incident: incident.id, owner: "bob", language: .zh, sections: ArchiveFixture.sections(process: "09:00 发现\n09:10 修复"),
            createdAt: t0.adding(.minutes(30)))
        #expect(try await store.postmortems.postmortem(of: incident.id) == expected)
        #expect(try await store.incidents.incident(incident.id)?.state == .resolved)

        let submitted = try await ArchiveFixture.editReport(store, incident.id, now: t0.addingTimeInterval(3600.25)) {
            $0.state = .submitted
            $0.submittedAt = t0.addingTimeInterval(3600.25)
            $0.remindersSent = 2
            $0.reviews = [PostmortemReview(reviewer: "zhao.lei", at: t0.adding(.minutes(45)), approved: false, comment: "补充\"预防措施\"")]
        }
        expected.state = .submitted
        expected.submittedAt = t0.addingTimeInterval(3600.25)
        expected.updatedAt = t0.addingTimeInterval(3600.25)
        expected.remindersSent = 2
        expected.reviews = [PostmortemReview(reviewer: "zhao.lei", at: t0.adding(.minutes(45)), approved: false, comment: "补充\"预防措施\"")]
        #expect(submitted == expected, "updatePostmortem returns the report as committed")
        #expect(try await store.postmortems.postmortem(of: incident.id) == expected)

        let approved = try await ArchiveFixture.editReport(store, incident.id) { ArchiveFixture.approve(&$0, markdown: "# 报告\n") }
        #expect(approved?.state == .approved)
        #expect(approved?.archive?.markdown == "# 报告\n")
        #expect(try await store.postmortems.postmortem(of: incident.id) == approved)
        #expect(try await store.incidents.timeline(of: incident.id).map(\.kind) == [.reported, .resolved, .postmortem, .postmortem])
    }

    @Test("updatePostmortem: unknown incident, refused decision writes nothing", arguments: ArchiveBackend.allCases)
    func updateErrors(_ backend: ArchiveBackend) async throws {
        let store = try await ArchiveFixture.store(backend, in: directory)
        await #expect(throws: StoreError.notFound(IncidentNumber(9))) {
            _ = try await store.postmortems.updatePostmortem(IncidentNumber(9)) { incident, _ in IncidentChange(incident: incident) }
        }
        let incident = try await ArchiveFixture.report(store, .fixture())
        await #expect(throws: PostmortemError.noReport(incident.id)) {
            try await ArchiveFixture.editReport(store, incident.id) { $0.owner = "x" }
        }
        let result = try await store.postmortems.updatePostmortem(incident.id) { incident, postmortem in
            #expect(postmortem == nil)
            return IncidentChange(incident: incident)
        }
        #expect(result.postmortem == nil)
        #expect(result.incident == incident)
    }

    @Test("an approved report cannot change, through the store or by raw SQL", arguments: ArchiveBackend.allCases)
    func approvedIsFrozen(_ backend: ArchiveBackend) async throws {
        let store = try await ArchiveFixture.store(backend, in: directory)
        let incident = try await ArchiveFixture.report(store, .fixture())
        try await ArchiveFixture.resolve(store, incident.id, sections: ArchiveFixture.sections())
        let approved = try #require(try await ArchiveFixture.editReport(store, incident.id) { ArchiveFixture.approve(&$0, markdown: "# 归档\n") })

        await #expect(throws: PostmortemError.wrongState(incident.id, .approved, "an approved fault report cannot change")) {
            try await ArchiveFixture.editReport(store, incident.id) { $0.sections.cause = "改写" }
        }
        await #expect(throws: PostmortemError.self) {
            try await ArchiveFixture.editReport(store, incident.id) { $0.state = .draft }
        }
        #expect(try await store.postmortems.postmortem(of: incident.id) == approved)
        #expect(try await store.incidents.timeline(of: incident.id).count == 3, "the refused change appended nothing")

        // Saving it unchanged (a change that only carries it along) is allowed.
        _ = try await store.postmortems.updatePostmortem(incident.id) { current, postmortem in
            var change = IncidentChange(incident: current)
            change.postmortem = postmortem
            return change
        }
        #expect(try await store.postmortems.postmortem(of: incident.id) == approved)

        guard backend == .sqlite else { return }
        let queue = try DatabaseQueue(path: directory.file("archive.sqlite"))
        for sql in [
            "UPDATE postmortem SET owner = 'mallory'",
            "UPDATE postmortem SET state = 'draft'",
            "UPDATE postmortem SET archiveMarkdown = 'forged'",
            "DELETE FROM postmortem",
        ] {
            let error = #expect(throws: DatabaseError.self, "\(sql)") { try queue.write { db in try db.execute(sql: sql) } }
            #expect(error?.message == "an approved fault report cannot change")
        }
        #expect(try await store.postmortems.postmortem(of: incident.id) == approved)
    }

    @Test("a draft may still change and even be deleted by SQL; only approved is frozen")
    func draftIsNotFrozen() async throws {
        let store = try await ArchiveFixture.store(.sqlite, in: directory)
        let incident = try await ArchiveFixture.report(store, .fixture())
        try await ArchiveFixture.resolve(store, incident.id)
        let queue = try DatabaseQueue(path: directory.file("archive.sqlite"))
        try await queue.write { db in try db.execute(sql: "UPDATE postmortem SET owner = 'carol'") }
        #expect(try await store.postmortems.postmortem(of: incident.id)?.owner == "carol")
        try await queue.write { db in try db.execute(sql: "DELETE FROM postmortem") }
        #expect(try await store.postmortems.postmortem(of: incident.id) == nil)
    }

    @Test("reports list by state and owner, newest resolution first", arguments: ArchiveBackend.allCases)
    func listing(_ backend: ArchiveBackend) async throws {
        let store = try await ArchiveFixture.store(backend, in: directory)
        for index in 0..<3 {
            let incident = try await ArchiveFixture.report(store, .fixture(subject: "fault \(index)"), now: t0.adding(.minutes(Int64(index))))
            // Resolved in reverse order of reporting: 3 first, 1 last.
            try await ArchiveFixture.resolve(store, incident.id, now: t0.adding(.minutes(Int64(100 - index))))
        }
        try await ArchiveFixture.editReport(store, IncidentNumber(2)) {
            $0.state = .submitted
            $0.owner = "carol"
        }
        #expect(try await store.postmortems.postmortems(state: nil, owner: nil, limit: 10).map(\.incident.value) == [1, 2, 3])
        #expect(try await store.postmortems.postmortems(state: .draft, owner: nil, limit: 10).map(\.incident.value) == [1, 3])
        #expect(try await store.postmortems.postmortems(state: .submitted, owner: nil, limit: 10).map(\.incident.value) == [2])
        #expect(try await store.postmortems.postmortems(state: nil, owner: "bob", limit: 10).map(\.incident.value) == [1, 3])
        #expect(try await store.postmortems.postmortems(state: .draft, owner: "carol", limit: 10).isEmpty)
        #expect(try await store.postmortems.postmortems(state: .approved, owner: nil, limit: 10).isEmpty)
        #expect(try await store.postmortems.postmortems(state: nil, owner: nil, limit: 1).map(\.incident.value) == [1])
    }

    @Test("a due timer's effect gets the incident's report", arguments: ArchiveBackend.allCases)
    func timersSeeTheReport(_ backend: ArchiveBackend) async throws {
        let store = try await ArchiveFixture.store(backend, in: directory)
        let incident = try await ArchiveFixture.report(store, .fixture())
        let other = try await ArchiveFixture.report(store, .fixture(subject: "another"))
        try await ArchiveFixture.resolve(store, incident.id)
        let due = t0.adding(.minutes(60 * 24))
        _ = try await store.incidents.update(incident.id) { current in
            IncidentChange(incident: current, timers: [.schedule(.postmortemReminder, dueAt: due)])
        }
        let seen = Mutex<[Int64: Postmortem?]>([:])
        let fired = try await store.timers.fireDueTimers(now: due, limit: 10) { timer, current, _, postmortem in
            seen.withLock { $0[timer.incident.value] = postmortem }
            var change = IncidentChange(incident: current)
            if timer.kind == .postmortemReminder, var postmortem {
                postmortem.remindersSent += 1
                change.postmortem = postmortem
                change.events = [TimelineEvent(.postmortem(.init(step: .reminded, owner: "bob")), at: due, actor: "oncalld")]
            }
            return change
        }
        #expect(fired.contains(DueTimer(incident: incident.id, kind: .postmortemReminder, dueAt: due)))
        let reports = seen.withLock { $0 }
        #expect(reports[incident.id.value]??.owner == "bob")
        #expect(reports[incident.id.value]??.remindersSent == 0)
        #expect(reports[other.id.value] != nil, "the other incident's escalation timer fired too")
        #expect(reports[other.id.value]! == nil, "an incident without a report gets nil")
        #expect(try await store.postmortems.postmortem(of: incident.id)?.remindersSent == 1)
    }
}
