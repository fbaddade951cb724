import Foundation
import OncallCore
import OncallStore
import OncallTesting
import Testing

/// Service requests, their promise timers and the messages those timers send, through the service
/// and the timer engine on both backends, with a manual clock and a reopen standing for a restart.
@Suite("Service request store (SQLite and PostgreSQL)")
final class ServiceRequestStoreTests: Sendable {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }

    /// Friday 2026-12-04 15:00 in Shanghai: a bug's decision is due Tuesday 18:00 (Mon 1, Tue 2), its warning at 14:00.
    static let friday = ISO8601DateFormatter().date(from: "2026-12-04T15:00:00+08:00")!
    static let decisionDue = ISO8601DateFormatter().date(from: "2026-12-08T18:00:00+08:00")!
    static let settings = ServiceRequestService.Settings(
        policy: RequestPolicy(escalateTo: ["pm.li"], defaultOwner: "wang.fang"), composer: AddressComposer())

    /// One email per recipient, to `<id>@example.test`.
    struct AddressComposer: RequestMessageComposer {
        func compose(_ notice: RequestNotice, request: ServiceRequest, now: Date) -> [OutboxMessage] {
            notice.recipients.map { person in
                OutboxMessage(
                    id: UUID().uuidString, incident: nil, channel: "email", target: "\(person)@example.test", recipients: [person],
                    subject: "\(request.number) \(notice.action.rawValue) \(notice.name.rawValue)", body: "", purpose: "request", createdAt: now)
            }
        }
    }

    func service(_ store: TestStore, clock: ManualClock) -> (ServiceRequestService, RequestTimerEngine) {
        let requests = store.repositories.requests
        return (ServiceRequestService(store: requests, clock: clock, settings: { Self.settings }),
                RequestTimerEngine(store: requests, clock: clock, settings: { Self.settings }))
    }

    static func bug(_ subject: String = "拣货单打印乱码") -> ServiceRequest.Form {
        ServiceRequest.Form(kind: .bugReport, subject: subject, organisation: "仓储中心", requester: "李雷")
    }

    /// The subjects of the messages at the head of each recipient's queue.
    func outbox(_ store: TestStore, now: Date) async throws -> [String] {
        try await store.deliveries.dueDeliveries(now: now.adding(.seconds(86_400 * 30)), limit: 100, excluding: [])
            .map { "\($0.message.target): \($0.message.subject)" }.sorted()
    }

    @Test("an inbound mail's dedup key makes one request: the repeat reads it back and schedules and queues nothing more", arguments: StoreBackend.allCases)
    func idempotencyKey(_ backend: StoreBackend) async throws {
        let store = try await backend.open(directory.file("requests-key-\(backend).sqlite"))
        let clock = ManualClock(now: Self.friday)
        let (service, _) = service(store, clock: clock)
        let key = "rfc822/mta:<bug-1@customer.example>"
        let first = try await service.submit(Self.bug(), actor: "mail:li@customer.example", idempotencyKey: key)
        let timers = try await store.repositories.requests.pendingRequestTimers(of: first.request.number)
        clock.advance(by: .seconds(60))
        let again = try await service.submit(Self.bug("另一个主题"), actor: "mail:li@customer.example", idempotencyKey: key)
        #expect(first.created && !again.created)
        #expect(again.request == first.request)
        #expect(try await store.repositories.requests.pendingRequestTimers(of: first.request.number) == timers)
        let other = try await service.submit(Self.bug(), actor: "mail:li@customer.example", idempotencyKey: key + "-other")
        #expect(other.created && other.request.number.description == "REQ-000002")
        #expect(try await service.requests(RequestQuery()).count == 2)
    }

    @Test("requests are numbered apart from incidents, round-trip whole and list by status, kind and owner", arguments: StoreBackend.allCases)
    func roundTrip(_ backend: StoreBackend) async throws {
        let store = try await backend.open(directory.file("requests-\(backend).sqlite"))
        let clock = ManualClock(now: Self.friday)
        let (service, _) = service(store, clock: clock)
        let first = try await service.submit(Self.bug(), actor: "unix:helpdesk")
        let upgrade = ServiceRequest.Form(kind: .softwareUpgrade, subject: "WMS 3.2", organisation: "仓储中心", requester: "韩梅梅", owner: "zhao.lei")
        let second = try await service.submit(upgrade, actor: "token:crm")
        #expect(first.number.description == "REQ-000001")
        #expect(second.number.description == "REQ-000002")
        #expect(try await service.request(first.number) == first)
        #expect(try await service.requests(RequestQuery()).map(\.number) == [second.number, first.number])
        #expect(try await service.requests(RequestQuery(kind: .bugReport)).map(\.number) == [first.number])
        #expect(try await service.requests(RequestQuery(owner: "zhao.lei")).map(\.number) == [second.number])

        let done = try await service.record(.done, on: second.number, actor: "unix:zhao.lei", note: "installed")
        #expect(!done.isOpen)
        #expect(try await service.requests(RequestQuery(open: true)).map(\.number) == [first.number])
        #expect(try await service.requests(RequestQuery(open: false)).map(\.number) == [second.number])
        #expect(try await store.repositories.requests.pendingRequestTimers(of: second.number).isEmpty)
        await #expect(throws: RequestError.notFound(RequestNumber(99))) { try await service.request(RequestNumber(99)) }
        await #expect(throws: RequestError.self) { try await service.record(.done, on: second.number, actor: "unix:zhao.lei") }
    }

    @Test("a missed bug decision warns its owner, escalates to the project manager once, and its timers survive a restart",
          arguments: StoreBackend.allCases)
    func missedDecision(_ backend: StoreBackend) async throws {
        let path = directory.file("missed-\(backend).sqlite")
        let clock = ManualClock(now: Self.friday)
        let store = try await backend.open(path)
        let request = try await service(store, clock: clock).0.submit(Self.bug(), actor: "unix:helpdesk")
        #expect(try await store.repositories.requests.pendingRequestTimers(of: request.number).map(\.action) == [.warn, .missed])

        // A restart: the timers were on disk, not in the engine.
        let reopened = try await backend.open(path)
        let engine = service(reopened, clock: clock).1
        #expect(try await engine.runCycle() == Self.decisionDue.adding(.seconds(-4 * 3600)))
        clock.advance(by: .seconds(Int64(Self.decisionDue.timeIntervalSince(Self.friday)) - 4 * 3600))
        #expect(try await engine.runCycle() == Self.decisionDue)
        #expect(try await outbox(reopened, now: clock.now) == ["wang.fang@example.test: REQ-000001 warn decision"])

        clock.advance(by: .seconds(4 * 3600))
        #expect(try await engine.runCycle() == nil)
        // A second cycle, and another restart, fire nothing more.
        #expect(try await service(try await backend.open(path), clock: clock).1.runCycle() == nil)
        #expect(try await outbox(reopened, now: clock.now) == [
            "pm.li@example.test: REQ-000001 missed decision", "wang.fang@example.test: REQ-000001 warn decision",
        ])
        // The owner's miss waits behind the warning in the same queue.
        #expect(try await reopened.deliveries.pendingCount(in: DeliveryQueue(channel: "email", target: "wang.fang@example.test")) == 2)
        let missed = try await service(reopened, clock: clock).0.request(request.number)
        #expect(missed.timeline.map(\.what) == [.step(.received), .warned(.decision), .missed(.decision)])
        #expect(missed.deadlines.first?.missedAt == Self.decisionDue)
    }

    @Test("a decision in time cancels both timers; nothing is sent", arguments: StoreBackend.allCases)
    func keptInTime(_ backend: StoreBackend) async throws {
        let store = try await backend.open(directory.file("kept-\(backend).sqlite"))
        let clock = ManualClock(now: Self.friday)
        let (service, engine) = service(store, clock: clock)
        let request = try await service.submit(Self.bug(), actor: "unix:helpdesk")
        clock.advance(by: .seconds(3600))
        let decided = try await service.record(.decided, on: request.number, actor: "unix:wang.fang", note: "will fix in 3.2.1")
        #expect(decided.deadlines.first?.kept == true)
        #expect(try await store.repositories.requests.pendingRequestTimers(of: request.number).isEmpty)
        #expect(try await engine.runCycle() == nil)
        #expect(try await outbox(store, now: clock.now).isEmpty)
        let statistics = try await service.statistics(since: nil)
        #expect(statistics.rows.map { "\($0.kind.rawValue) \($0.month) \($0.kept)/\($0.missed)/\($0.open)" } == ["bug_report 2026-12 1/0/0"])
    }
}
