import Crypto
import Foundation
import OncallSupport

/// Header and URL credential checks, all in constant time.
///
/// Secrets are compared through their SHA-256 digests, byte by byte without an early exit, so
/// neither the position of the first difference nor the secret's length shows in the timing.
enum Credentials {
    /// True when `given` equals `expected`, in time independent of where they differ.
    static func constantTimeEquals(_ given: String, _ expected: String) -> Bool {
        ConstantTime.equals(Array(SHA256.hash(data: Data(given.utf8))), Array(SHA256.hash(data: Data(expected.utf8))))
    }

    /// The credentials of an `Authorization` header with the given scheme (`Basic`, `Bearer`).
    static func authorization(_ request: InboundHTTPRequest, scheme: String) -> String? {
        guard let value = request.header("Authorization")?.trimmingCharacters(in: .whitespaces) else { return nil }
        guard let space = value.firstIndex(of: " ") else { return nil }
        guard value[..<space].caseInsensitiveCompare(scheme) == .orderedSame else { return nil }
        let credentials = value[space...].trimmingCharacters(in: .whitespaces)
        return credentials.isEmpty ? nil : credentials
    }

    /// The user and password of `Authorization: Basic …`, or nil when absent or not decodable.
    static func basic(_ request: InboundHTTPRequest) -> (user: String, password: String)? {
        guard let encoded = authorization(request, scheme: "Basic"),
              let data = Data(base64Encoded: encoded),
              let text = String(data: data, encoding: .utf8),
              let colon = text.firstIndex(of: ":")
        else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }

    /// True when the request's basic auth matches the configured pair (both must be set).
    static func basicMatches(_ request: InboundHTTPRequest, _ integration: InboundIntegration) -> Bool {
        guard let user = integration.basicUser, !user.isEmpty,
              let password = integration.basicPassword, !password.isEmpty,
              let given = basic(request)
        else { return false }
        // Both compared before combining: a right user name must not make the check take longer.
        let userMatches = constantTimeEquals(given.user, user)
        let passwordMatches = constantTimeEquals(given.password, password)
        return userMatches && passwordMatches
    }

    /// Postmark: HTTP basic auth, which Postmark sends from credentials in the webhook URL.
    static func requireBasic(_ request: InboundHTTPRequest, _ integration: InboundIntegration) throws(InboundError) {
        guard integration.basicUser?.isEmpty == false, integration.basicPassword?.isEmpty == false else {
            throw .unauthorized("integration '\(integration.name)' has no basic auth credentials configured")
        }
        guard basic(request) != nil else { throw .unauthorized("basic authentication is required") }
        guard basicMatches(request, integration) else { throw .unauthorized("wrong basic auth user or password") }
    }

    /// SendGrid: basic auth or `?key=` URL secret, whichever is configured; either one passes.
    static func requireSendGrid(_ request: InboundHTTPRequest, _ integration: InboundIntegration) throws(InboundError) {
        let basicConfigured = integration.basicUser?.isEmpty == false && integration.basicPassword?.isEmpty == false
        let secretConfigured = integration.urlSecret?.isEmpty == false
        guard basicConfigured || secretConfigured else {
            throw .unauthorized("integration '\(integration.name)' has no basic auth or URL secret configured")
        }
        var accepted = false
        if basicConfigured { accepted = basicMatches(request, integration) }
        if secretConfigured, let secret = integration.urlSecret, let given = request.query["key"] {
            accepted = constantTimeEquals(given, secret) || accepted
        }
        guard accepted else {
            let presented = basic(request) != nil || request.query["key"] != nil
            throw .unauthorized(presented ? "wrong credentials" : "credentials are required (basic auth or ?key=)")
        }
    }

    /// rfc822, alertmanager, json: `Authorization: Bearer <token>`.
    static func requireBearer(_ request: InboundHTTPRequest, _ integration: InboundIntegration) throws(InboundError) {
        guard let token = integration.bearerToken, !token.isEmpty else {
            throw .unauthorized("integration '\(integration.name)' has no bearer token configured")
        }
        guard let given = authorization(request, scheme: "Bearer") else {
            throw .unauthorized("a bearer token is required")
        }
        guard constantTimeEquals(given, token) else { throw .unauthorized("wrong bearer token") }
    }
}
