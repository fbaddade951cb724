import Foundation

/// `GET /v1/oncall?at=TIME`: who is on call at an instant, and the next hand-offs.
public struct OnCallDTO: Codable, Sendable, Equatable {
    public struct Schedule: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var onCall: [String]
        enum CodingKeys: String, CodingKey {
            case id, name
            case onCall = "on_call"
        }
        public init(id: String, name: String, onCall: [String]) {
            self.id = id
            self.name = name
            self.onCall = onCall
        }
    }

    public struct Handoff: Codable, Sendable, Equatable {
        public var schedule: String
        public var at: Date
        public var from: [String]
        public var to: [String]
        public var reason: String
        public init(schedule: String, at: Date, from: [String], to: [String], reason: String) {
            self.schedule = schedule
            self.at = at
            self.from = from
            self.to = to
            self.reason = reason
        }
    }

    public var at: Date
    /// The engineers an incident reported now would reach (schedules, else `oncall_engineers`).
    public var engineers: [String]
    public var projectManagers: [String]
    public var emergencyGroup: [String]
    public var schedules: [Schedule]
    public var handoffs: [Handoff]
    /// Display names by person id.
    public var names: [String: String]

    enum CodingKeys: String, CodingKey {
        case at, engineers, schedules, handoffs, names
        case projectManagers = "project_managers"
        case emergencyGroup = "emergency_group"
    }

    public init(
        at: Date, engineers: [String], projectManagers: [String], emergencyGroup: [String], schedules: [Schedule],
        handoffs: [Handoff], names: [String: String]
    ) {
        self.at = at
        self.engineers = engineers
        self.projectManagers = projectManagers
        self.emergencyGroup = emergencyGroup
        self.schedules = schedules
        self.handoffs = handoffs
        self.names = names
    }
}
