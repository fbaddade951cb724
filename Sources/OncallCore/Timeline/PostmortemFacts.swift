import Foundation

extension TimelineFacts {
    /// A step of the fault-report workflow.
    public struct PostmortemStep: Codable, Sendable, Equatable {
        public enum Step: String, Sendable, CaseIterable, FactText {
            case drafted, edited, submitted, rejected, approved, reminded
        }

        public var step: Step
        public var owner: String
        /// The reviewer's comment (approved, rejected).
        public var comment: String?
        /// The archived document's SHA-256 (approved).
        public var sha256: String?
        /// Which reminder of how many, as shown (`1/3`).
        public var reminder: String?

        public init(step: Step, owner: String, comment: String? = nil, sha256: String? = nil, reminder: String? = nil) {
            self.step = step
            self.owner = owner
            self.comment = comment
            self.sha256 = sha256
            self.reminder = reminder
        }

        enum CodingKeys: String, CodingKey { case step, owner, comment, sha256, reminder }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            step = try c.decodeFact(forKey: .step)
            owner = try c.decodeFact(forKey: .owner)
            comment = try c.decodeFactIfPresent(forKey: .comment)
            sha256 = try c.decodeFactIfPresent(forKey: .sha256)
            reminder = try c.decodeFactIfPresent(forKey: .reminder)
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeFact(step, forKey: .step)
            try c.encodeFact(owner, forKey: .owner)
            try c.encodeFactIfPresent(comment, forKey: .comment)
            try c.encodeFactIfPresent(sha256, forKey: .sha256)
            try c.encodeFactIfPresent(reminder, forKey: .reminder)
        }
    }
}
