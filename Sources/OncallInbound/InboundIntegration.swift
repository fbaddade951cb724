import Foundation
import OncallMail

/// One configured integration's kind and credentials (the daemon builds these from config).
///
/// Each integration has its own secret, so a leaked Mailgun key does not open the SES
/// endpoint. A kind whose credentials are missing refuses every request with 401: an
/// endpoint that was configured but not given its secret must fail closed, not open.
public struct InboundIntegration: Sendable {
    /// Which provider format the endpoint speaks; the raw value is the `{kind}` of
    /// `/v1/inbound/{kind}/{name}` and of the config's `kind:` key.
    public enum Kind: String, Sendable, CaseIterable {
        /// Mailgun route `forward()` posts (parsed form, or `body-mime` when the URL ends in `mime`).
        case mailgun
        /// SendGrid Inbound Parse, parsed or raw ("POST the raw, full MIME message").
        case sendgrid
        /// Postmark inbound webhook JSON.
        case postmark
        /// Amazon SES receipt rule with an SNS action, delivered by an SNS HTTPS subscription.
        case ses
        /// A whole RFC 5322 message as the body (`Content-Type: message/rfc822`), from an MTA pipe.
        case rfc822
        /// Prometheus Alertmanager `webhook_config`, payload version 4.
        case alertmanager
        /// The report form's fields as a flat JSON object of strings.
        case json
    }

    /// The integration's name: the `{name}` of its URL, and the prefix of its dedup keys.
    public var name: String
    /// The provider format.
    public var kind: Kind
    /// Mailgun: the HTTP webhook signing key (HMAC-SHA256 over `timestamp` + `token`).
    public var signingKey: String?
    /// SendGrid and Postmark: the HTTP basic auth user name put in the webhook URL.
    public var basicUser: String?
    /// SendGrid and Postmark: the HTTP basic auth password put in the webhook URL.
    public var basicPassword: String?
    /// SendGrid: a secret carried as `?key=…` in the webhook URL, for setups without basic auth.
    public var urlSecret: String?
    /// rfc822, alertmanager and json: the token expected in `Authorization: Bearer …`.
    public var bearerToken: String?
    /// ses: the SNS signing certificates an operator downloaded and checked, in PEM (a string
    /// may hold several). The message's `SigningCertURL` is never fetched.
    public var trustedCertificatesPEM: [String]
    /// ses: the SNS topic ARN the subscription belongs to; any other topic is refused.
    public var topicARN: String?
    /// Mailgun: how far the signed `timestamp` may be from `now`, either way.
    public var maxTimestampSkew: Duration
    /// Bounds on the body and on MIME parsing; `maxMessageBytes` is also the largest body accepted.
    public var limits: MIMELimits

    /// An integration; pass the credentials its kind needs.
    /// - Parameters:
    ///   - name: The `{name}` path segment and dedup key prefix.
    ///   - kind: The provider format.
    ///   - signingKey: Mailgun's webhook signing key.
    ///   - basicUser: SendGrid/Postmark basic auth user.
    ///   - basicPassword: SendGrid/Postmark basic auth password.
    ///   - urlSecret: SendGrid `?key=` secret.
    ///   - bearerToken: rfc822/alertmanager/json bearer token.
    ///   - trustedCertificatesPEM: SES/SNS signing certificates, PEM.
    ///   - topicARN: SES/SNS pinned topic ARN.
    ///   - maxTimestampSkew: Mailgun timestamp tolerance (default 5 minutes).
    ///   - limits: body and MIME limits (default `MIMELimits()`, 25 MiB).
    public init(
        name: String, kind: Kind, signingKey: String? = nil, basicUser: String? = nil,
        basicPassword: String? = nil, urlSecret: String? = nil, bearerToken: String? = nil,
        trustedCertificatesPEM: [String] = [], topicARN: String? = nil,
        maxTimestampSkew: Duration = .seconds(300), limits: MIMELimits = MIMELimits()
    ) {
        self.name = name
        self.kind = kind
        self.signingKey = signingKey
        self.basicUser = basicUser
        self.basicPassword = basicPassword
        self.urlSecret = urlSecret
        self.bearerToken = bearerToken
        self.trustedCertificatesPEM = trustedCertificatesPEM
        self.topicARN = topicARN
        self.maxTimestampSkew = maxTimestampSkew
        self.limits = limits
    }

    /// What is missing or unusable in this integration's credentials, one sentence each; empty
    /// when it can authenticate requests. The daemon should refuse to start on any problem
    /// rather than serve an endpoint that answers every request with 401.
    public var problems: [String] {
        func missing(_ value: String?) -> Bool { value?.isEmpty ?? true }
        var found: [String] = []
        switch kind {
        case .mailgun:
            if missing(signingKey) { found.append("\(name): a mailgun integration needs a signing key") }
        case .sendgrid:
            let basic = !missing(basicUser) && !missing(basicPassword)
            if !basic && missing(urlSecret) {
                found.append("\(name): a sendgrid integration needs basic auth (user and password) or a URL secret")
            }
        case .postmark:
            if missing(basicUser) || missing(basicPassword) {
                found.append("\(name): a postmark integration needs a basic auth user and password")
            }
        case .ses:
            if missing(topicARN) { found.append("\(name): an ses integration needs the SNS topic ARN") }
            let certificates = SNSSignatureVerifier.certificates(fromPEM: trustedCertificatesPEM)
            if certificates.usable.isEmpty {
                found.append("\(name): an ses integration needs at least one trusted SNS signing certificate (PEM)")
            }
            found.append(contentsOf: certificates.problems.map { "\(name): \($0)" })
        case .rfc822, .alertmanager, .json:
            if missing(bearerToken) { found.append("\(name): a \(kind.rawValue) integration needs a bearer token") }
        }
        return found
    }
}
