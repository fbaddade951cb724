import Foundation

/// The problem report form (问题申报单) plus what classification needs (SPEC.md).
///
/// This is the one definition of the form: its `CodingKeys` are the wire names of the API, the
/// generic JSON intake and the mail intake, and the store keeps it through the same `Codable`
/// conformance. Adding a field: README, "Adding a field to the report form".
public struct ReportForm: Sendable, Equatable, Codable {
    /// 问题主题
    public var subject: String
    /// 提出单位
    public var organisation: String
    /// 提出人
    public var reporter: String
    /// How to reach the reporter (phone, email).
    public var reporterContact: String?
    /// 目前情况
    public var situation: String?
    /// 问题说明
    public var description: String?
    /// 时间要求 — free text, e.g. "今天 18:00 前".
    public var requiredBy: String?
    /// 其他
    public var other: String?
    /// Affected scope; absent means the reporter did not say (scope then implies level 3).
    public var scope: Scope?
    /// Affected system or service.
    public var service: String?
    /// Customer site id (its region drives field dispatch).
    public var site: String?
    /// When the outage began, if there is one.
    public var outageStarted: Date?
    /// When the outage ended, if it already has.
    public var outageEnded: Date?
    /// 受影响客户数 — how many customers the fault reaches, when the helpdesk knows.
    public var affectedCustomers: Int?

    /// The wire names (snake_case), in form order.
    public enum CodingKeys: String, CodingKey, CaseIterable, Sendable {
        case subject, organisation, reporter
        case reporterContact = "reporter_contact"
        case situation, description
        case requiredBy = "required_by"
        case other, scope, service, site
        case outageStarted = "outage_started"
        case outageEnded = "outage_ended"
        case affectedCustomers = "affected_customers"
    }

    /// Every wire name the form has.
    public static let fieldNames: Set<String> = Set(CodingKeys.allCases.map(\.rawValue))

    public init(
        subject: String, organisation: String, reporter: String, reporterContact: String? = nil,
        situation: String? = nil, description: String? = nil, requiredBy: String? = nil, other: String? = nil,
        scope: Scope? = nil, service: String? = nil, site: String? = nil,
        outageStarted: Date? = nil, outageEnded: Date? = nil, affectedCustomers: Int? = nil
    ) {
        self.subject = subject
        self.organisation = organisation
        self.reporter = reporter
        self.reporterContact = reporterContact
        self.situation = situation
        self.description = description
        self.requiredBy = requiredBy
        self.other = other
        self.scope = scope
        self.service = service
        self.site = site
        self.outageStarted = outageStarted
        self.outageEnded = outageEnded
        self.affectedCustomers = affectedCustomers
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        subject = try container.decode(String.self, forKey: .subject)
        organisation = try container.decode(String.self, forKey: .organisation)
        reporter = try container.decode(String.self, forKey: .reporter)
        reporterContact = try container.decodeIfPresent(String.self, forKey: .reporterContact)
        situation = try container.decodeIfPresent(String.self, forKey: .situation)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        requiredBy = try container.decodeIfPresent(String.self, forKey: .requiredBy)
        other = try container.decodeIfPresent(String.self, forKey: .other)
        if let text = try container.decodeIfPresent(String.self, forKey: .scope) {
            guard let scope = Scope(rawValue: text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .scope, in: container,
                    debugDescription: "'\(text)' is not a scope; use one of \(Scope.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            self.scope = scope
        }
        service = try container.decodeIfPresent(String.self, forKey: .service)
        site = try container.decodeIfPresent(String.self, forKey: .site)
        outageStarted = try container.decodeIfPresent(Date.self, forKey: .outageStarted)
        outageEnded = try container.decodeIfPresent(Date.self, forKey: .outageEnded)
        affectedCustomers = try container.decodeIfPresent(Int.self, forKey: .affectedCustomers)
        if let count = affectedCustomers, count < 0 {
            throw DecodingError.dataCorruptedError(forKey: .affectedCustomers, in: container, debugDescription: "must not be negative")
        }
    }

    /// Every field is written, as null when empty, so readers see the whole form and a store
    /// clears a column the form no longer fills.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(subject, forKey: .subject)
        try container.encode(organisation, forKey: .organisation)
        try container.encode(reporter, forKey: .reporter)
        try container.encode(reporterContact, forKey: .reporterContact)
        try container.encode(situation, forKey: .situation)
        try container.encode(description, forKey: .description)
        try container.encode(requiredBy, forKey: .requiredBy)
        try container.encode(other, forKey: .other)
        try container.encode(scope?.rawValue, forKey: .scope)
        try container.encode(service, forKey: .service)
        try container.encode(site, forKey: .site)
        try container.encode(outageStarted, forKey: .outageStarted)
        try container.encode(outageEnded, forKey: .outageEnded)
        try container.encode(affectedCustomers, forKey: .affectedCustomers)
    }

    /// Facts added to the form after the plan's own fields, with their labels. Every view (the
    /// CLI, the web view, the fault report, the notifications) lists them after the fields it
    /// knows, so a new fact needs no change there.
    public var addedFacts: [LabelledFact] {
        [
            affectedCustomers.map { LabelledFact(chinese: "受影响客户数", english: "Affected customers", text: String($0)) },
        ].compactMap { $0 }
    }
}

/// One fact of the report form as people read it.
public struct LabelledFact: Sendable, Equatable {
    public var chinese: String
    public var english: String
    public var text: String

    public init(chinese: String, english: String, text: String) {
        self.chinese = chinese
        self.english = english
        self.text = text
    }
}
