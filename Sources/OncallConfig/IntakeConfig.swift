import OncallCore

/// Inbound integrations (`integrations`) and how mail becomes incidents (`intake`).
public struct IntakeConfig: Sendable, Equatable, CustomStringConvertible {
    /// One entry of `integrations`: an endpoint `/v1/inbound/{kind}/{name}` with its own secret.
    public struct Integration: Sendable, Equatable {
        /// `mailgun`, `sendgrid`, `postmark`, `ses`, `rfc822`, `alertmanager` or `json`.
        public var kind: String
        public var name: String
        public var signingKey: String?
        public var basicUser: String?
        public var basicPassword: String?
        public var urlSecret: String?
        public var token: String?
        public var topicARN: String?
        /// PEM texts of the SNS signing certificates trusted for `ses`.
        public var trustedCertificates: [String]
    }

    /// A keyword rule: any keyword in the subject or body gives the scope.
    public struct KeywordRule: Sendable, Equatable {
        public var keywords: [String]
        public var scope: Scope
    }

    public static let kinds = ["mailgun", "sendgrid", "postmark", "ses", "rfc822", "alertmanager", "json"]

    public var integrations: [Integration] = []
    public var organisationByDomain: [String: String] = [:]
    public var defaultOrganisation = "未知单位"
    public var serviceByTag: [String: String] = [:]
    public var keywordRules: [KeywordRule] = []
    public var defaultScope: Scope?

    public init() {}

    public var description: String {
        "IntakeConfig(integrations: \(integrations.map { "\($0.kind)/\($0.name)" }), secrets: <redacted>)"
    }
}
