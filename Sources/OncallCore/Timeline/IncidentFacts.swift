import Foundation

// The facts of the incident lifecycle's own timeline entries.
extension TimelineFacts {
    /// How a report was classified.
    public struct Report: Codable, Sendable, Equatable {
        public var level: Level
        public var scope: Scope?
        /// The outage so far, as shown (`25m`).
        public var outage: String?
        /// When the emergency group gets it if unresolved, as shown (`10m`).
        public var emergencyAfter: String

        public init(level: Level, scope: Scope?, outage: String?, emergencyAfter: String) {
            self.level = level
            self.scope = scope
            self.outage = outage
            self.emergencyAfter = emergencyAfter
        }

        enum CodingKeys: String, CodingKey { case level, scope, outage, emergencyAfter = "emergency_after" }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            level = try c.decodeFact(forKey: .level)
            scope = try c.decodeFactIfPresent(forKey: .scope)
            outage = try c.decodeFactIfPresent(forKey: .outage)
            emergencyAfter = try c.decodeFact(forKey: .emergencyAfter)
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeFact(level, forKey: .level)
            try c.encodeFactIfPresent(scope, forKey: .scope)
            try c.encodeFactIfPresent(outage, forKey: .outage)
            try c.encodeFact(emergencyAfter, forKey: .emergencyAfter)
        }
    }

    /// Why the emergency group got it.
    public struct Escalation: Codable, Sendable, Equatable {
        public enum Trigger: String, Sendable, FactText { case manual, timer }
        public var reason: String
        public var trigger: Trigger
        /// The escalation timer's due time, when the timer did it.
        public var dueAt: Date?

        public init(reason: String, trigger: Trigger, dueAt: Date? = nil) {
            self.reason = reason
            self.trigger = trigger
            self.dueAt = dueAt
        }

        enum CodingKeys: String, CodingKey { case reason, trigger, dueAt = "due_at" }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            reason = try c.decodeFact(forKey: .reason)
            trigger = try c.decodeFact(forKey: .trigger)
            dueAt = try c.decodeFactIfPresent(forKey: .dueAt)
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeFact(reason, forKey: .reason)
            try c.encodeFact(trigger, forKey: .trigger)
            try c.encodeFactIfPresent(dueAt, forKey: .dueAt)
        }
    }

    /// A level change of an ongoing outage.
    public struct Relevelling: Codable, Sendable, Equatable {
        public var from: Level
        public var to: Level
        public var reason: String

        public init(from: Level, to: Level, reason: String) {
            self.from = from
            self.to = to
            self.reason = reason
        }

        enum CodingKeys: String, CodingKey { case from = "from_level", to = "to_level", reason }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            from = try c.decodeFact(forKey: .from)
            to = try c.decodeFact(forKey: .to)
            reason = try c.decodeFact(forKey: .reason)
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeFact(from, forKey: .from)
            try c.encodeFact(to, forKey: .to)
            try c.encodeFact(reason, forKey: .reason)
        }
    }

    /// A free-text note.
    public struct Note: Codable, Sendable, Equatable {
        public var text: String
        public init(text: String) { self.text = text }
    }

    /// How the incident was resolved.
    public struct Resolution: Codable, Sendable, Equatable {
        public var summary: String
        public init(summary: String) { self.summary = summary }
    }
}
