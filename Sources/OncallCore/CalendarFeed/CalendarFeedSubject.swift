import Foundation

/// Whose shifts a calendar feed lists.
public enum CalendarFeedSubject: Sendable, Hashable, CustomStringConvertible {
    /// Every shift of the schedule with this id.
    case schedule(String)
    /// This person's shifts over every schedule.
    case person(String)

    /// `schedule` or `person`, as stored and on the wire.
    public var kind: String {
        switch self {
        case .schedule: "schedule"
        case .person: "person"
        }
    }

    /// The schedule's or the person's id.
    public var id: String {
        switch self {
        case let .schedule(id), let .person(id): id
        }
    }

    /// The subject stored as `kind` and `id`; nil for a kind this version does not know.
    public init?(kind: String, id: String) {
        switch kind {
        case "schedule": self = .schedule(id)
        case "person": self = .person(id)
        default: return nil
        }
    }

    /// `schedule primary`, `person li.na`.
    public var description: String { "\(kind) \(id)" }
}
