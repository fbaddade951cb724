import Foundation
import OncallCore

/// `POST /v1/incidents`: the problem report form as JSON (snake_case keys).
public struct ReportRequest: StrictDecodable, Encodable, Sendable, Equatable {
    public var subject: String
    public var organisation: String
    public var reporter: String
    public var reporterContact: String?
    public var situation: String?
    public var description: String?
    public var requiredBy: String?
    public var other: String?
    public var scope: Scope?
    public var service: String?
    public var site: String?
    public var outageStarted: Date?
    public var outageEnded: Date?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case subject, organisation, reporter, situation, description, other, scope, service, site
        case reporterContact = "reporter_contact"
        case requiredBy = "required_by"
        case outageStarted = "outage_started"
        case outageEnded = "outage_ended"
    }

    public static let allowedKeys = Set(CodingKeys.allCases.map(\.rawValue))

    public init(
        subject: String, organisation: String, reporter: String, reporterContact: String? = nil,
        situation: String? = nil, description: String? = nil, requiredBy: String? = nil, other: String? = nil,
        scope: Scope? = nil, service: String? = nil, site: String? = nil, outageStarted: Date? = nil, outageEnded: Date? = nil
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
    }

    /// The domain's report form.
    public var form: ReportForm {
        ReportForm(
            subject: subject, organisation: organisation, reporter: reporter, reporterContact: reporterContact,
            situation: situation, description: description, requiredBy: requiredBy, other: other, scope: scope,
            service: service, site: site, outageStarted: outageStarted, outageEnded: outageEnded)
    }
}
