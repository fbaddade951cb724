import Foundation

/// The problem report form (问题申报单) plus what classification needs (SPEC.md).
public struct ReportForm: Sendable, Equatable {
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

    public init(
        subject: String, organisation: String, reporter: String, reporterContact: String? = nil,
        situation: String? = nil, description: String? = nil, requiredBy: String? = nil, other: String? = nil,
        scope: Scope? = nil, service: String? = nil, site: String? = nil,
        outageStarted: Date? = nil, outageEnded: Date? = nil
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
}
