import Foundation
import OncallCore
import OncallStore
import OncallTesting

/// The repositories the archive tests use, from SQLite or the in-memory twin.
struct ArchiveStore: Sendable {
    var incidents: any IncidentStore
    var timers: any TimerStore
    var postmortems: any PostmortemStore
    var periodic: any PeriodicStore
    /// The outbox's delivery log; nil on the in-memory twin, which keeps a plain list.
    var deliveries: (any DeliveryStore)?

    init(incidents: any IncidentStore, timers: any TimerStore, postmortems: any PostmortemStore, periodic: any PeriodicStore,
         deliveries: (any DeliveryStore)? = nil) {
        self.incidents = incidents
        self.timers = timers
        self.postmortems = postmortems
        self.periodic = periodic
        self.deliveries = deliveries
    }

    init(_ store: SQLiteStore) {
        self.init(incidents: store.incidents, timers: store.timers, postmortems: store.postmortems, periodic: store.periodic,
                  deliveries: store.deliveries)
    }

    init(_ store: PostgresStore) {
        self.init(incidents: store.incidents, timers: store.timers, postmortems: store.postmortems, periodic: store.periodic,
                  deliveries: store.deliveries)
    }
}

/// Which backend a parameterised test runs on.
enum ArchiveBackend: String, CaseIterable, CustomStringConvertible, Sendable {
    case sqlite, memory, postgres
    var description: String { rawValue }
}

/// A temporary directory removed when the test's suite instance goes away.
final class TemporaryDirectory: Sendable {
    let path: String

    init(_ prefix: String = "oncall-archive-") throws {
        path = NSTemporaryDirectory() + prefix + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }
}

enum ArchiveFixture {
    static let policy = IncidentPolicy()

    static func store(_ backend: ArchiveBackend, in directory: TemporaryDirectory) async throws -> ArchiveStore {
        switch backend {
        case .sqlite:
            return ArchiveStore(try SQLiteStore(path: directory.file("archive.sqlite")))
        case .postgres:
            return ArchiveStore(try await StoreBackend.postgresStore())
        case .memory:
            let store = InMemoryIncidentStore()
            return ArchiveStore(incidents: store, timers: store, postmortems: store, periodic: store)
        }
    }

    static func form(
        _ subject: String, description: String? = nil, organisation: String = "仓储中心", service: String? = nil, scope: Scope? = nil
    ) -> ReportForm {
        var form = ReportForm.fixture(subject: subject, organisation: organisation, scope: scope)
        form.description = description
        form.service = service
        return form
    }

    @discardableResult
    static func report(_ store: ArchiveStore, _ form: ReportForm, now: Date = t0) async throws -> Incident {
        try await store.incidents.create(idempotencyKey: nil) { id in
            try IncidentLifecycle.open(form, id: id, actor: "unix:alice", policy: policy, now: now)
        }.incident
    }

    static func command(_ store: ArchiveStore, _ id: IncidentNumber, _ command: IncidentCommand, now: Date = t0) async throws {
        _ = try await store.incidents.update(id) { current in
            try IncidentLifecycle.apply(command, to: current, actor: "unix:bob", policy: policy, now: now)
        }
    }

    /// Resolves the incident and drafts its report in one change, as the service will.
    static func resolve(
        _ store: ArchiveStore, _ id: IncidentNumber, summary: String = "重启了服务", sections: PostmortemSections = PostmortemSections(),
        now: Date = t0.adding(.minutes(30))
    ) async throws {
        _ = try await store.postmortems.updatePostmortem(id) { current, _ in
            var change = try IncidentLifecycle.apply(.resolve(summary: summary), to: current, actor: "unix:bob", policy: policy, now: now)
            change.postmortem = Postmortem(incident: id, owner: "bob", language: .zh, sections: sections, createdAt: now)
            return change
        }
    }

    /// Replaces the report through `updatePostmortem`, with a `postmortem` timeline event.
    @discardableResult
    static func editReport(
        _ store: ArchiveStore, _ id: IncidentNumber, now: Date = t0.adding(.minutes(60)), _ edit: @escaping @Sendable (inout Postmortem) -> Void
    ) async throws -> Postmortem? {
        try await store.postmortems.updatePostmortem(id) { current, postmortem in
            guard var postmortem else { throw PostmortemError.noReport(id) }
            edit(&postmortem)
            postmortem.updatedAt = now
            var change = IncidentChange(incident: current, events: [
                TimelineEvent(.postmortem(.init(step: .edited, owner: "bob")), at: now, actor: "unix:bob"),
            ])
            change.postmortem = postmortem
            return change
        }.postmortem
    }

    static func approve(_ postmortem: inout Postmortem, markdown: String, at: Date = t0.adding(.minutes(90))) {
        postmortem.state = .approved
        postmortem.reviews.append(PostmortemReview(reviewer: "zhao.lei", at: at, approved: true, comment: "同意归档"))
        postmortem.archive = ArchivedReport(markdown: markdown, sha256: String(repeating: "ab", count: 32), approvedBy: "zhao.lei", approvedAt: at)
    }

    static func sections(cause: String = "证书过期", fix: String = "更换证书", process: String = "十分钟内完成", prevention: String = "增加到期监控")
        -> PostmortemSections
    {
        PostmortemSections(cause: cause, fix: fix, process: process, prevention: prevention)
    }
}
