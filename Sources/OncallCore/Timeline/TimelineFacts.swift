import Foundation

/// What one timeline entry says, typed by its kind. Stored and shown as `details`, a map of
/// strings whose keys each facts type names once (its `CodingKeys`).
public enum TimelineFacts: Sendable, Equatable {
    case reported(Report)
    case acknowledged
    case escalated(Escalation)
    case relevelled(Relevelling)
    case note(Note)
    case resolved(Resolution)
    case closed
    case dispatch(DispatchStep)
    case slaBreach(SLABreach)
    case postmortem(PostmortemStep)
    case maintenanceHeld(MaintenanceHeld)
    case maintenanceReleased(MaintenanceReleased)

    public var kind: TimelineEvent.Kind {
        switch self {
        case .reported: .reported
        case .acknowledged: .acknowledged
        case .escalated: .escalated
        case .relevelled: .relevelled
        case .note: .note
        case .resolved: .resolved
        case .closed: .closed
        case .dispatch: .dispatch
        case .slaBreach: .slaBreach
        case .postmortem: .postmortem
        case .maintenanceHeld: .maintenanceHeld
        case .maintenanceReleased: .maintenanceReleased
        }
    }

    /// The facts as the map of strings they are stored and shown as.
    public var details: [String: String] { factDetails(Encoded(facts: self)) }

    /// Reads the facts of a `kind` entry from its stored details. Keys this version does not
    /// know are ignored (a later version may add some); a missing or malformed one throws.
    public init(kind: TimelineEvent.Kind, details: Data) throws {
        let decoder = JSONDecoder()
        decoder.userInfo[Encoded.kindKey] = kind
        self = try decoder.decode(Encoded.self, from: details).facts
    }

    /// Encodes the facts of any kind as one flat object.
    struct Encoded: Codable {
        static let kindKey = CodingUserInfoKey(rawValue: "timelineKind")!
        var facts: TimelineFacts

        init(facts: TimelineFacts) { self.facts = facts }

        init(from decoder: Decoder) throws {
            guard let kind = decoder.userInfo[Self.kindKey] as? TimelineEvent.Kind else {
                throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "no timeline kind given"))
            }
            facts = switch kind {
            case .reported: .reported(try Report(from: decoder))
            case .acknowledged: .acknowledged
            case .escalated: .escalated(try Escalation(from: decoder))
            case .relevelled: .relevelled(try Relevelling(from: decoder))
            case .note: .note(try Note(from: decoder))
            case .resolved: .resolved(try Resolution(from: decoder))
            case .closed: .closed
            case .dispatch: .dispatch(try DispatchStep(from: decoder))
            case .slaBreach: .slaBreach(try SLABreach(from: decoder))
            case .postmortem: .postmortem(try PostmortemStep(from: decoder))
            case .maintenanceHeld: .maintenanceHeld(try MaintenanceHeld(from: decoder))
            case .maintenanceReleased: .maintenanceReleased(try MaintenanceReleased(from: decoder))
            }
        }

        func encode(to encoder: Encoder) throws {
            switch facts {
            case let .reported(facts): try facts.encode(to: encoder)
            case let .escalated(facts): try facts.encode(to: encoder)
            case let .relevelled(facts): try facts.encode(to: encoder)
            case let .note(facts): try facts.encode(to: encoder)
            case let .resolved(facts): try facts.encode(to: encoder)
            case let .dispatch(facts): try facts.encode(to: encoder)
            case let .slaBreach(facts): try facts.encode(to: encoder)
            case let .postmortem(facts): try facts.encode(to: encoder)
            case let .maintenanceHeld(facts): try facts.encode(to: encoder)
            case let .maintenanceReleased(facts): try facts.encode(to: encoder)
            case .acknowledged, .closed: _ = encoder.container(keyedBy: NoKeys.self)
            }
        }

        enum NoKeys: CodingKey {}
    }
}
