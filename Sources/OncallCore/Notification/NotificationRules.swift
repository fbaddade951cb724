import Foundation

/// Who is who, from configuration: the groups, the on-call schedules and each level's chain.
public struct NotificationRules: Sendable {
    public var projectManagers: [String]
    public var emergencyGroup: [String]
    /// The engineers on call at an instant (schedules, falling back to `oncall_engineers`).
    public var engineersOnCall: @Sendable (Date) -> [String]
    public var chains: [Level: EscalationChain]

    public init(
        projectManagers: [String], emergencyGroup: [String], engineersOnCall: @escaping @Sendable (Date) -> [String],
        chains: [Level: EscalationChain] = [:]
    ) {
        self.projectManagers = projectManagers
        self.emergencyGroup = emergencyGroup
        self.engineersOnCall = engineersOnCall
        self.chains = chains
    }

    /// The chain for `level`: configured, else `EscalationChain.standard(for:)`.
    public func chain(for level: Level) -> EscalationChain {
        chains[level] ?? .standard(for: level)
    }

    /// The people an audience names at `now`, in order, without duplicates.
    public func people(_ audience: [Audience], at now: Date) -> [String] {
        var seen = Set<String>()
        var people: [String] = []
        for part in audience {
            let ids: [String] = switch part {
            case .oncallEngineers: engineersOnCall(now)
            case .projectManagers: projectManagers
            case .emergencyGroup: emergencyGroup
            case let .person(id): [id]
            }
            for id in ids where seen.insert(id).inserted { people.append(id) }
        }
        return people
    }
}
