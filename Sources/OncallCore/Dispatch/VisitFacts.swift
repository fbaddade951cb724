import Foundation

extension VisitEvent {
    /// What a visit event says besides its kind, time and actor. Which facts a kind carries is
    /// listed on `VisitEvent.Kind`; the incident's timeline copies them with the visit's
    /// attempt, engineer and branch.
    public struct Facts: Codable, Sendable, Equatable {
        public var attempt: Int?
        public var engineer: String?
        public var branch: String?
        /// The GB/T 2260 code of the region served.
        public var region: String?
        public var sla: DispatchSLAKind?
        public var acceptBy: Date?
        public var arriveBy: Date?
        /// The site's warranty, as shown.
        public var warranty: String?
        public var chargeable: Bool?
        public var site: String?
        public var skill: String?
        /// Why the engineer came from a fallback branch, as shown.
        public var fallback: String?
        public var summary: String?
        public var reason: String?
        public var note: String?

        public init(
            attempt: Int? = nil, engineer: String? = nil, branch: String? = nil, region: String? = nil,
            sla: DispatchSLAKind? = nil, acceptBy: Date? = nil, arriveBy: Date? = nil, warranty: String? = nil,
            chargeable: Bool? = nil, site: String? = nil, skill: String? = nil, fallback: String? = nil,
            summary: String? = nil, reason: String? = nil, note: String? = nil
        ) {
            self.attempt = attempt
            self.engineer = engineer
            self.branch = branch
            self.region = region
            self.sla = sla
            self.acceptBy = acceptBy
            self.arriveBy = arriveBy
            self.warranty = warranty
            self.chargeable = chargeable
            self.site = site
            self.skill = skill
            self.fallback = fallback
            self.summary = summary
            self.reason = reason
            self.note = note
        }

        enum CodingKeys: String, CodingKey {
            case attempt, engineer, branch, region, sla, acceptBy = "accept_by", arriveBy = "arrive_by", warranty,
                 chargeable, site, skill, fallback, summary, reason, note
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            attempt = try c.decodeFactIfPresent(forKey: .attempt)
            engineer = try c.decodeFactIfPresent(forKey: .engineer)
            branch = try c.decodeFactIfPresent(forKey: .branch)
            region = try c.decodeFactIfPresent(forKey: .region)
            sla = try c.decodeFactIfPresent(forKey: .sla)
            acceptBy = try c.decodeFactIfPresent(forKey: .acceptBy)
            arriveBy = try c.decodeFactIfPresent(forKey: .arriveBy)
            warranty = try c.decodeFactIfPresent(forKey: .warranty)
            chargeable = try c.decodeFactIfPresent(forKey: .chargeable)
            site = try c.decodeFactIfPresent(forKey: .site)
            skill = try c.decodeFactIfPresent(forKey: .skill)
            fallback = try c.decodeFactIfPresent(forKey: .fallback)
            summary = try c.decodeFactIfPresent(forKey: .summary)
            reason = try c.decodeFactIfPresent(forKey: .reason)
            note = try c.decodeFactIfPresent(forKey: .note)
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeFactIfPresent(attempt, forKey: .attempt)
            try c.encodeFactIfPresent(engineer, forKey: .engineer)
            try c.encodeFactIfPresent(branch, forKey: .branch)
            try c.encodeFactIfPresent(region, forKey: .region)
            try c.encodeFactIfPresent(sla, forKey: .sla)
            try c.encodeFactIfPresent(acceptBy, forKey: .acceptBy)
            try c.encodeFactIfPresent(arriveBy, forKey: .arriveBy)
            try c.encodeFactIfPresent(warranty, forKey: .warranty)
            try c.encodeFactIfPresent(chargeable, forKey: .chargeable)
            try c.encodeFactIfPresent(site, forKey: .site)
            try c.encodeFactIfPresent(skill, forKey: .skill)
            try c.encodeFactIfPresent(fallback, forKey: .fallback)
            try c.encodeFactIfPresent(summary, forKey: .summary)
            try c.encodeFactIfPresent(reason, forKey: .reason)
            try c.encodeFactIfPresent(note, forKey: .note)
        }

        /// The facts as the map of strings the API shows.
        public var details: [String: String] { factDetails(self) }
    }
}
