import Foundation

/// How service requests are promised and chased: the working calendar deadlines are counted on,
/// each promise's working days, how long before a due time its owner is warned, and who hears of a miss.
public struct RequestPolicy: Sendable, Equatable {
    public var calendar: WorkingCalendar
    /// Working days per kind and promise, for the promises counted in working days; a missing entry uses the kind's flow.
    public var workingDays: [RequestKind: [RequestDeadlineName: Int]]
    /// The owner is warned this long before a promise falls due.
    public var warnBefore: Duration
    public var releases: ReleaseSchedule
    /// Told when a promise is missed (the project managers).
    public var escalateTo: [String]
    /// Owner of a request submitted without one (the first project manager).
    public var defaultOwner: String?
    /// The person ids an owner may name; empty admits any.
    public var people: Set<String>

    public init(
        calendar: WorkingCalendar = .standard, workingDays: [RequestKind: [RequestDeadlineName: Int]] = [:],
        warnBefore: Duration = .seconds(4 * 3600), releases: ReleaseSchedule = .standard, escalateTo: [String] = [],
        defaultOwner: String? = nil, people: Set<String> = []
    ) {
        self.calendar = calendar
        self.workingDays = workingDays
        self.warnBefore = warnBefore
        self.releases = releases
        self.escalateTo = escalateTo
        self.defaultOwner = defaultOwner
        self.people = people
    }

    /// The promise's working days in force.
    public func workingDays(_ kind: RequestKind, _ promise: RequestFlow.Promise) -> Int? {
        workingDays[kind]?[promise.name] ?? promise.due.workingDays
    }
}
