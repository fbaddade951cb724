import Foundation

/// A change of who is on call for one schedule.
public struct Handoff: Sendable, Equatable {
    /// The instant of the change; from then on `to` is on call.
    public var at: Date
    /// Person ids on call just before (empty when nobody was).
    public var from: [String]
    /// Person ids on call from `at` (empty when nobody is).
    public var to: [String]
    /// What caused the change.
    public var reason: HandoffReason

    /// A hand-off at `at` from `from` to `to`.
    public init(at: Date, from: [String], to: [String], reason: HandoffReason) {
        self.at = at
        self.from = from
        self.to = to
        self.reason = reason
    }
}
