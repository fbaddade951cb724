import Foundation

// The facts of field-dispatch timeline entries.
extension TimelineFacts {
    /// A step of a field visit, with the visit's attempt, engineer and branch among its facts.
    public struct DispatchStep: Codable, Sendable, Equatable {
        public var step: VisitEvent.Kind
        public var visit: VisitEvent.Facts

        public init(step: VisitEvent.Kind, visit: VisitEvent.Facts) {
            self.step = step
            self.visit = visit
        }

        enum CodingKeys: String, CodingKey { case step }

        public init(from decoder: Decoder) throws {
            step = try decoder.container(keyedBy: CodingKeys.self).decodeFact(forKey: .step)
            visit = try VisitEvent.Facts(from: decoder)
        }

        public func encode(to encoder: Encoder) throws {
            try visit.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeFact(step, forKey: .step)
        }
    }

    /// A visit deadline was missed.
    public struct SLABreach: Codable, Sendable, Equatable {
        /// The deadlines missed (one, or all still outstanding when it goes to the emergency group).
        public var deadlines: [DispatchDeadlineKind]
        public var attempt: Int
        public var engineer: String?
        public var branch: String?
        public var dueAt: Date?
        public var reason: String?
        /// Whether this is the breach going on to the emergency group, not the first one to the project manager.
        public var toEmergencyGroup: Bool

        public init(
            deadlines: [DispatchDeadlineKind], attempt: Int, engineer: String? = nil, branch: String? = nil,
            dueAt: Date? = nil, reason: String? = nil, toEmergencyGroup: Bool = false
        ) {
            self.deadlines = deadlines
            self.attempt = attempt
            self.engineer = engineer
            self.branch = branch
            self.dueAt = dueAt
            self.reason = reason
            self.toEmergencyGroup = toEmergencyGroup
        }

        enum CodingKeys: String, CodingKey { case deadline, attempt, engineer, branch, dueAt = "due_at", reason, escalation }
        static let emergencyGroup = "emergency_group"

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let list = try c.decode(String.self, forKey: .deadline)
            deadlines = try list.split(separator: ",").map { name in
                guard let kind = DispatchDeadlineKind(rawValue: String(name)) else {
                    throw DecodingError.dataCorruptedError(forKey: .deadline, in: c, debugDescription: "unknown deadline '\(name)'")
                }
                return kind
            }
            attempt = try c.decodeFact(forKey: .attempt)
            engineer = try c.decodeFactIfPresent(forKey: .engineer)
            branch = try c.decodeFactIfPresent(forKey: .branch)
            dueAt = try c.decodeFactIfPresent(forKey: .dueAt)
            reason = try c.decodeFactIfPresent(forKey: .reason)
            toEmergencyGroup = try c.decodeFactIfPresent(String.self, forKey: .escalation) == Self.emergencyGroup
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(deadlines.map(\.rawValue).joined(separator: ","), forKey: .deadline)
            try c.encodeFact(attempt, forKey: .attempt)
            try c.encodeFactIfPresent(engineer, forKey: .engineer)
            try c.encodeFactIfPresent(branch, forKey: .branch)
            try c.encodeFactIfPresent(dueAt, forKey: .dueAt)
            try c.encodeFactIfPresent(reason, forKey: .reason)
            if toEmergencyGroup { try c.encode(Self.emergencyGroup, forKey: .escalation) }
        }
    }
}
