import OncallCore

/// Service requests (`requests.*`) and the release calendar (`releases.*`): who owns and hears of
/// requests, how long before a promise its owner is warned, and the promises' working days.
public struct RequestsConfig: Sendable, Equatable {
    /// Owner of a request submitted without one (`requests.owner`); the first project manager when unset.
    public var owner: String?
    /// Told when a promise is missed (`requests.escalate_to`); the project managers when unset.
    public var escalateTo: [String]?
    /// The owner is warned this long before a promise falls due (`requests.warn_before`).
    public var warnBefore: Duration = .seconds(4 * 3600)
    /// Working days per kind and promise (`requests.promises.<kind>.<promise>`); unset ones are SPEC.md's.
    public var workingDays: [RequestKind: [RequestDeadlineName: Int]] = [:]
    /// Release days, time and window length (`releases.*`).
    public var releases: ReleaseSchedule = .standard
    /// Request address per kind (`requests.mail.addresses`): mail to it is a request of that kind.
    public var mailAddresses: [RequestKind: String] = [:]
    /// Whether a subject tag `[REQ:<kind>]` / `[需求:<kind>]` makes a mail a request (`requests.mail.subject_tags`).
    public var mailSubjectTags = false

    public init() {}

    /// The promises of `kind` counted in working days, which `requests.promises.<kind>` may set.
    public static func configurablePromises(of kind: RequestKind) -> [RequestFlow.Promise] {
        kind.flow.promises.filter { $0.due.workingDays != nil }
    }
}
