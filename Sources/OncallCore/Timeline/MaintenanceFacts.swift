import Foundation

// The facts of the maintenance-window entries.
extension TimelineFacts {
    /// The incident arrived in a maintenance window; its pages wait for the window's end.
    public struct MaintenanceHeld: Codable, Sendable, Equatable {
        /// `MW-12`.
        public var window: String
        public var until: Date
        public var reason: String

        public init(window: String, until: Date, reason: String) {
            self.window = window
            self.until = until
            self.reason = reason
        }

        enum CodingKeys: String, CodingKey { case window, until, reason }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            window = try c.decodeFact(forKey: .window)
            until = try c.decodeFact(forKey: .until)
            reason = try c.decodeFact(forKey: .reason)
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeFact(window, forKey: .window)
            try c.encodeFact(until, forKey: .until)
            try c.encodeFact(reason, forKey: .reason)
        }
    }

    /// The window ended with the incident still open: it is paged as if new from here.
    public struct MaintenanceReleased: Codable, Sendable, Equatable {
        public var window: String
        /// The end the hold was planned for (earlier when the window was ended by hand).
        public var plannedUntil: Date

        public init(window: String, plannedUntil: Date) {
            self.window = window
            self.plannedUntil = plannedUntil
        }

        enum CodingKeys: String, CodingKey { case window, plannedUntil = "planned_until" }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            window = try c.decodeFact(forKey: .window)
            plannedUntil = try c.decodeFact(forKey: .plannedUntil)
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeFact(window, forKey: .window)
            try c.encodeFact(plannedUntil, forKey: .plannedUntil)
        }
    }
}
